// One line on a terminal's stderr, redrawn in place and erased at the end: how far a command has come.

export interface StatusLine {
  /** Draws `text` over what the line said. */
  show(text: string): void;
  /** Erases the line, if anything was drawn. */
  clear(): void;
}

export function statusLine(stream: NodeJS.WritableStream): StatusLine {
  let shown = false;
  return {
    show(text) {
      stream.write(`\r${text}\u001b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
