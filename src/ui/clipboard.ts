// Copy to the clipboard of the terminal the user sits at: OSC 52 travels with the output, so it works over ssh and in
// tmux (with `set-clipboard on`), where no local clipboard tool would reach.

/** The sequence that puts `text` on the clipboard (`c`), ended with BEL, which more terminals take than ST. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
