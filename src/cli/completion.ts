// Shell completion: `ckpt-perms @completion bash|zsh|fish|pwsh` prints a script that calls `ckpt-perms __complete
// WORDS…` back, which answers from the command line's own tables and the recent checkpoints file (never the API).
import { clientOptionsFrom } from '../api/config';
import { allRecent, fileRecent, recentFilePath } from '../store/recent';
import { scopeOf } from '../store/scope';
import { ALLOWED, COMMANDS, UI_OPTIONS, type CommandName } from './args';
import { COMMAND_FLAGS, FORMATS, GLOBAL_FLAGS, GROUP, POSITIONALS, SUBCOMMANDS, type Subcommand } from './official/args';

export const SHELLS = ['bash', 'zsh', 'fish', 'pwsh'] as const;
type Shell = (typeof SHELLS)[number];
type Env = Record<string, string | undefined>;

const SCRIPTS: Record<Shell, string> = {
  bash: `# ckpt-perms completion for bash. Install: ckpt-perms @completion bash > ~/.local/share/bash-completion/completions/ckpt-perms
# (or add  source <(ckpt-perms @completion bash)  to ~/.bashrc)
_ckpt_perms() {
  local line="\${COMP_LINE:0:COMP_POINT}"
  local -a words
  read -r -a words <<< "$line"
  # A space before the cursor starts a new, empty word.
  [[ "$line" =~ [[:space:]]$ ]] && words+=("")
  local cur="\${words[\${#words[@]}-1]}"
  # Candidates are data: read a line at a time and kept by a prefix test, never expanded (compgen -W runs a $(…) in
  # one), and only those made of the characters of commands, flags and checkpoint ids.
  local candidate safe='^[-A-Za-z0-9:._@=]+$'
  COMPREPLY=()
  while IFS= read -r candidate; do
    [[ "$candidate" =~ $safe && "$candidate" == "$cur"* ]] && COMPREPLY+=("$candidate")
  done < <(ckpt-perms __complete "\${words[@]:1}" 2>/dev/null)
  # Bash splits words at ':' (COMP_WORDBREAKS): it replaces only what follows the last one.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local prefix="\${cur%"\${cur##*:}"}" i
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$prefix"}"; done
  fi
}
complete -o default -F _ckpt_perms ckpt-perms
`,
  zsh: `#compdef ckpt-perms
# ckpt-perms completion for zsh. Install: ckpt-perms @completion zsh > "\${fpath[1]}/_ckpt-perms"
# (or, after compinit in ~/.zshrc:  source <(ckpt-perms @completion zsh))
_ckpt_perms() {
  local -a candidates
  candidates=("\${(@f)$(ckpt-perms __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  # Only those made of the characters of commands, flags and checkpoint ids (compadd itself never expands them).
  candidates=(\${candidates:#})
  candidates=(\${candidates:#*[^-A-Za-z0-9:._@=]*})
  compadd -- "\${candidates[@]}"
}
# Autoloaded from $fpath this file is the function _ckpt-perms, run at each Tab; sourced, it registers _ckpt_perms.
if [[ "\${funcstack[1]}" == _ckpt-perms ]]; then
  _ckpt_perms "$@"
else
  compdef _ckpt_perms ckpt-perms
fi
`,
  fish: `# ckpt-perms completion for fish. Install: ckpt-perms @completion fish > ~/.config/fish/completions/ckpt-perms.fish
function __ckpt_perms_complete
    set -l words (commandline -opc) (commandline -ct)
    # Only those made of the characters of commands, flags and checkpoint ids; fish never expands them.
    ckpt-perms __complete $words[2..-1] 2>/dev/null | string match -r -- '^[-A-Za-z0-9:._@=]+$'
end
complete -c ckpt-perms -f -a '(__ckpt_perms_complete)'
`,
  pwsh: `# ckpt-perms completion for PowerShell. Install: ckpt-perms @completion pwsh >> $PROFILE
Register-ArgumentCompleter -Native -CommandName ckpt-perms -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    # An empty word being completed (PowerShell 7.3 and later pass an empty argument as one).
    if ($wordToComplete -eq '') { $words += '' }
    # Kept by a prefix test, and only those made of the characters of commands, flags and checkpoint ids.
    ckpt-perms __complete @words 2>$null | Where-Object {
        $_ -match '^[-A-Za-z0-9:._@=]+$' -and $_.StartsWith($wordToComplete, [System.StringComparison]::Ordinal)
    } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`,
};

/** The script for `shell`, or undefined for a shell we have none for. */
export function completionScript(shell: string | undefined): string | undefined {
  return (SHELLS as readonly string[]).includes(shell ?? '') ? SCRIPTS[shell as Shell] : undefined;
}

/** Flags whose value is a checkpoint id, and the values other flags take. */
const CHECKPOINT_FLAGS = new Set(['fine-tuned-model-checkpoint', 'from', 'to', 'checkpoint']);
const FLAG_VALUES: Record<string, readonly string[]> = { order: ['ascending', 'descending'] };

/** Recent checkpoints: this organization's when the environment names one, else every organization's. */
function recentCheckpoints(env: Env): string[] {
  const file = recentFilePath(env);
  try {
    const options = clientOptionsFrom({}, env);
    const scope = scopeOf(options);
    const own = scope === undefined ? [] : fileRecent(file, scope).load();
    return own.length > 0 ? own : allRecent(file);
  } catch {
    return allRecent(file);
  }
}

/**
 * The candidates for the last of `words` (the words after the program's name, the last one being completed, maybe
 * empty). The shell narrows them to those starting with what was typed.
 */
export function completions(words: readonly string[], env: Env): string[] {
  const before = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  const previous = before.at(-1);
  const official = before.includes(GROUP);

  // The value of the flag just before.
  if (previous?.startsWith('-') && !previous.includes('=')) {
    const name = previous.replace(/^--?/, '');
    if (CHECKPOINT_FLAGS.has(name)) return recentCheckpoints(env);
    if (name === 'format' || name === 'format-error') {
      if (official) return [...FORMATS];
      const command = COMMANDS.find((c) => before.includes(c));
      if (command === 'history') return ['text', 'json', 'jsonl'];
      return command === 'sync' ? ['text', 'json'] : command === 'export' ? ['csv', 'json'] : ['json', 'jsonl'];
    }
    if (FLAG_VALUES[name]) return [...FLAG_VALUES[name]!];
    const takesValue = official
      ? ['string', 'int', 'strings'].includes((GLOBAL_FLAGS[name] ?? findOfficialFlag(name))?.kind ?? 'bool')
      : !['prune', 'dry-run', 'yes', 'demo', 'no-audit-log', 'no-cache', 'no-mouse', 'help', 'version'].includes(name);
    if (takesValue) return [];
  }

  if (official) {
    const at = before.indexOf(GROUP);
    const command = SUBCOMMANDS.find((name) => name === before[at + 1]);
    if (!command) return current.startsWith('-') ? flagsOf(Object.keys(GLOBAL_FLAGS)) : [...SUBCOMMANDS];
    if (current.startsWith('-')) return flagsOf([...Object.keys(COMMAND_FLAGS[command]), ...Object.keys(GLOBAL_FLAGS)]);
    const slot = positionalIndex(before.slice(at + 2), command);
    return slot === 0 ? recentCheckpoints(env) : [];
  }

  const command = COMMANDS.find((name) => name === before.find((word) => !word.startsWith('-')));
  if (!command) {
    if (current.startsWith('-')) return flagsOf(UI_OPTIONS);
    return [...COMMANDS, GROUP, '@completion', ...recentCheckpoints(env)];
  }
  if (current.startsWith('-')) return flagsOf(ALLOWED[command as CommandName]);
  if (command === 'sync' || command === 'projects-access' || command === 'demo-server') return [];
  return before.filter((word) => !word.startsWith('-')).length === 1 ? recentCheckpoints(env) : [];
}

function findOfficialFlag(name: string) {
  for (const flags of Object.values(COMMAND_FLAGS)) if (flags[name]) return flags[name];
  return undefined;
}

function flagsOf(names: readonly string[]): string[] {
  return [...new Set(names)].map((name) => `--${name}`);
}

/** Which positional argument of an official command the next word is (flags and their values skipped). */
function positionalIndex(words: readonly string[], command: Subcommand): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('-')) {
      const name = word.replace(/^--?/, '').split('=')[0]!;
      const spec = COMMAND_FLAGS[command][name] ?? GLOBAL_FLAGS[name];
      if (spec && spec.kind !== 'bool' && !word.includes('=')) i++;
      continue;
    }
    count++;
  }
  return Math.min(count, POSITIONALS[command].length);
}
