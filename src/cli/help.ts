import type { CommandName } from './args';

const CONNECTION = `Connection (every command but demo-server):
  --admin-api-key KEY   admin key for permissions and projects (else OPENAI_ADMIN_KEY)
  --api-key KEY         ordinary project key, only for browsing fine-tuning jobs (else OPENAI_API_KEY)
  --base-url URL        API base URL (else OPENAI_BASE_URL, default https://api.openai.com/v1);
                        plain http:// only to 127.0.0.1, ::1 or localhost
  --allow-insecure-http plain http:// to another host too (an internal gateway; the key travels
                        unencrypted: a warning on stderr)
  --organization ID     OpenAI-Organization header (else OPENAI_ORG_ID)
  --project ID          OpenAI-Project header (else OPENAI_PROJECT_ID)
  --debug               each request and response with its headers on stderr (keys redacted;
                        not in the UI)
  --mtls-client-cert-file FILE, --mtls-client-key-file FILE
                        a client certificate and its key (PEM) for a gateway that requires
                        mutual TLS (else OPENAI_MTLS_CLIENT_CERT_FILE / _KEY_FILE); both or
                        neither, with an explicit https:// base URL
  --timeout MS          per request, default 30000
  --max-retries N       default 2 (retries 408, 409, 429, 5xx and connection errors)
  --max-pages N         the most pages a walk through a list reads before it stops with an
                        error, default 2000 (commands that read whole lists, and the UI)
  --format json|jsonl   pretty JSON as the API sends it (default), or one item per line (not in the UI)
  --demo                run against the embedded demo API (no key needed); with --no-audit-log,
                        a demo organization without audit logging
  -h, --help            this help          -v, --version   the version`;

/** The connection flags for a command whose own --format is documented above them. */
const CONNECTION_OWN_FORMAT = CONNECTION.replace(/\n {2}--format json\|jsonl[^\n]*/, '');

const TOOL = `ckpt-perms: who may use a fine-tuned OpenAI model checkpoint.

Usage:
  ckpt-perms [CHECKPOINT] [--page-size N] [--order ascending|descending] [--no-cache]
                      the interactive UI: pick a checkpoint, page through who has access,
                      share with more projects, revoke after a confirmation (press ? inside)
  ckpt-perms list     --fine-tuned-model-checkpoint ID [--after ID] [--limit N] [--order ascending|descending]
                      [--project-id ID] [--max-items N]
  ckpt-perms retrieve --fine-tuned-model-checkpoint ID [--after ID] [--limit N] [--order …] [--project-id ID]
  ckpt-perms create   --fine-tuned-model-checkpoint ID --project-id ID [--project-id ID …]
  ckpt-perms delete   --fine-tuned-model-checkpoint ID --permission-id ID
  ckpt-perms sync     --from CHECKPOINT --to CHECKPOINT [--prune] [--dry-run | --yes] [--format text|json]
                      give the target every project the source has (--prune: and only those)
  ckpt-perms projects-access --project-id ID [--checkpoint ID …]
                      every checkpoint a project may use
  ckpt-perms export   --fine-tuned-model-checkpoint ID [--format csv|json] [--output FILE]
                      every permission with its project's name and status, for a spreadsheet
  ckpt-perms history  --fine-tuned-model-checkpoint ID [--project-id ID] [--since DATE] [--max-items N]
                      [--format text|json|jsonl]
                      every grant and revoke from the audit log, oldest first, with who did it
  ckpt-perms dump     [CHECKPOINT …] [--output FILE]
                      today's sharing as an access file (YAML; JSON for a .json --output)
  ckpt-perms plan     -f FILE [--exit-code] [--format text|json]
                      what applying the access file would change (--exit-code: 3 when anything would)
  ckpt-perms apply    -f FILE [--yes] [--format text|json]
                      make the server match the access file
  ckpt-perms demo-server [--port N] [--permissions N] [--projects N] [--latency MS] [--faults SPEC] [--no-audit-log]
  ckpt-perms fine-tuning:checkpoints:permissions list|retrieve|create|delete …
                      the official openai CLI's commands, as a drop-in (alias openai=ckpt-perms; --help there)
  ckpt-perms @completion bash|zsh|fish|pwsh
                      a shell completion script

The checkpoint may also be the first argument after the command.
Try it without a key:  ckpt-perms --demo
                       ckpt-perms list --demo ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw

${CONNECTION}

The UI's own flags: --page-size N (rows per page, 1-100; default: what fits the terminal),
--order (default descending) and --no-cache (neither read nor write the cached list of the
organization's projects). Without an admin key it asks for one (masked, never stored).

Exit codes: 0 success, 1 the API or the network failed, 2 the command line was wrong.
Run ckpt-perms COMMAND --help for one command.`;

const COMMAND_HELP: Record<CommandName, string> = {
  list: `ckpt-perms list: the projects a checkpoint is shared with (its permissions).

Usage: ckpt-perms list [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]

  --after ID            start after this permission id (the previous page's last_id)
  --limit N             permissions per request, 1-100 (API default 10; 100 when --max-items is given)
  --order ORDER         ascending or descending (default descending: newest first)
  --project-id ID       only the permission of this project
  --max-items N         follow the cursors until N permissions (-1: all of them) and print
                        them in one list envelope; without it, one page as the API sends it

${CONNECTION}`,
  retrieve: `ckpt-perms retrieve: one page of a checkpoint's permissions, exactly as the API sends it.

Usage: ckpt-perms retrieve [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]

  --after ID            start after this permission id
  --limit N             permissions in the page, 1-100 (API default 10)
  --order ORDER         ascending or descending (default descending)
  --project-id ID       only the permission of this project

${CONNECTION}`,
  create: `ckpt-perms create: share a checkpoint with one or more projects.

Usage: ckpt-perms create [CHECKPOINT] [--fine-tuned-model-checkpoint ID] --project-id ID [--project-id ID …]

  --project-id ID       a project to share with (proj_…); repeat for more. Duplicates are dropped.

Prints the permissions created. A project that already has access is not granted twice.
More than 20 projects go in create calls of 20, four at a time. Ctrl+C (or SIGTERM) starts
no new call, waits for those in flight, prints what was created with every project's outcome
("outcomes": done, failed, not started) and exits 130 (143); run it again to finish.

${CONNECTION}`,
  delete: `ckpt-perms delete: revoke one project's access to a checkpoint.

Usage: ckpt-perms delete [CHECKPOINT] [--fine-tuned-model-checkpoint ID] --permission-id ID

  --permission-id ID    the permission to delete (cp_…, from list)

This command does not ask for confirmation: it is meant for scripts.

${CONNECTION}`,
  sync: `ckpt-perms sync: give one checkpoint's projects access to another checkpoint.

Usage: ckpt-perms sync --from CHECKPOINT --to CHECKPOINT [--prune] [--dry-run | --yes] [--format text|json]

  --from CHECKPOINT     the checkpoint whose projects should have access
  --to CHECKPOINT       the checkpoint to share with them
  --prune               also revoke the target's permissions of projects the source does not
                        have, so both end up with the same projects (default: only add)
  --dry-run             show the plan and stop: nothing is changed
  --yes                 apply the plan without asking
  --format text|json    the plan and the outcomes as text (default) or as one JSON document

First prints the plan: the projects to add (and with --prune to remove), how many both
have, and how many only the target has. Then, in a terminal, it asks "Apply? [y/N]" (only y
or yes applies). Without a terminal, or with --format json, it never asks: without --yes it
changes nothing and exits 2. After applying, one line per project names the outcome.
Ctrl+C (or SIGTERM) while applying starts no new change and waits for those in flight; every
outcome is then printed (done, failed, not started) and it exits 130 (143). A second Ctrl+C
stops at once. Running the same command again finishes the job.
Exit codes: 0 done (or already in sync, or not confirmed), 1 a change or a read failed,
2 the command line was wrong or --yes is missing, 130/143 interrupted.

${CONNECTION_OWN_FORMAT}`,
  'projects-access': `ckpt-perms projects-access: every checkpoint a project may use.

Usage: ckpt-perms projects-access --project-id ID [--checkpoint ID …]

  --project-id ID       the project (proj_…)
  --checkpoint ID       a checkpoint to check as well; repeat for more

The API cannot list a project's checkpoints, so each candidate checkpoint is asked in turn:
the fine-tuned models and intermediate checkpoints of the organization's fine-tuning jobs
(needs an ordinary key: --api-key or OPENAI_API_KEY), the checkpoints opened recently in the
UI with this organization, and every --checkpoint. Prints {"object": "list", "project_id",
"data": [{"fine_tuned_model_checkpoint", "permission"}], "checked", "failed": [{
"fine_tuned_model_checkpoint", "error"}], "skipped": [{"fine_tuned_model_checkpoint",
"reason"}]}; --format jsonl prints one data item per line. A recent checkpoint that is not
found (deleted since, or another organization's) is skipped and dropped from the recent list.
A progress bar shows on standard error when it is a terminal.
Exit codes: 0 every lookup answered, 1 some failed (what was found is still printed).

${CONNECTION}`,
  export: `ckpt-perms export: every permission of a checkpoint with its project's name and status.

Usage: ckpt-perms export [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [--format csv|json] [--output FILE]

  --format csv|json     CSV (RFC 4180, the default) or JSON; here --format is not json|jsonl.
                        Without --format, an --output file ending in .json gets JSON.
  --output FILE         write to FILE instead of standard output (replaced whole, never half
                        written); a directory gets a file named after the checkpoint; - is
                        standard output

Columns: permission_id, project_id, project_name, project_status, created_at (UTC), newest
first. Cells a spreadsheet would run as a formula (starting with = + - @) get a leading '.

${CONNECTION_OWN_FORMAT}`,
  history: `ckpt-perms history: who shared a checkpoint with a project, who revoked it, and when (the audit log).

Usage: ckpt-perms history [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]

  --project-id ID       only this project's grants and revokes
  --since DATE          only events since DATE: 2025-12-01 (local midnight), 2025-12-01T09:30
                        (local unless it ends in Z or an offset), or Unix seconds
  --max-items N         at most the N most recent entries (-1: all, the default)
  --format FORMAT       text (default on a terminal): one line an entry, in local time;
                        json (default otherwise): one document, times in ISO 8601 (UTC);
                        jsonl: one entry a line

Oldest first: the time, granted or revoked, the project (id and name), and who did it (a
user's email, an API key or a service account by id, or unknown). A revoke is joined to its
grant by the permission id; permissions granted before the audit log began are listed as
"granted before the log begins". An organization without audit logging gets one sentence
saying so (exit 1). Reading the log needs an admin key.

${CONNECTION_OWN_FORMAT}`,
  dump: `ckpt-perms dump: today's sharing of checkpoints as an access file.

Usage: ckpt-perms dump [CHECKPOINT …] [--checkpoint ID …] [--output FILE]

  --output FILE         write to FILE (replaced whole, never half written) instead of standard
                        output; a name ending in .json gets JSON (without the names), else YAML

Without checkpoints, dumps those projects-access would check: the fine-tuning jobs' models and
checkpoints (needs an ordinary key: --api-key or OPENAI_API_KEY) and the ones opened recently.
Project ids are listed with their names as comments, everything sorted and no date, so the
diff of two dumps is the change of access.

${CONNECTION_OWN_FORMAT}`,
  plan: `ckpt-perms plan: what applying an access file would change.

Usage: ckpt-perms plan -f FILE [--exit-code] [--format text|json]

  -f, --file FILE       the access file: YAML, or JSON when the name ends in .json
  --exit-code           exit 3 when changes are pending (for a CI drift check)
  --format text|json    the plan as text (default) or one JSON document

The file:
  checkpoints:
    ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw:
      exclusive: true      # remove every project not listed (default false: only add)
      projects:
        - Billing Copilot  # a project's exact name (one active project), or
        - proj_abc123      # its id

Per checkpoint: "+ proj_… (Name)" to add, "- proj_… (Name)" to remove, and the count unchanged.
Only reads are sent. A wrong file (an unknown key, a name matching no active project or more
than one, an archived or unknown project that would need access, a checkpoint that does not
exist, malformed YAML) prints FILE:LINE:COL: what is wrong, one line each, and exits 2.
Exit codes: 0 nothing to change (or changes, without --exit-code), 3 changes pending with
--exit-code, 1 the API or the network failed, 2 the file or the command line is wrong.

${CONNECTION_OWN_FORMAT}`,
  apply: `ckpt-perms apply: make the server match an access file.

Usage: ckpt-perms apply -f FILE [--yes] [--format text|json]

  -f, --file FILE       the access file (see ckpt-perms plan --help)
  --yes                 apply without asking
  --format text|json    the plan and the outcomes as text (default) or one JSON document

Prints the plan, asks "Apply? [y/N]" on a terminal (without one, and without --yes, it changes
nothing and exits 2), then applies it four requests at a time and prints every change's
outcome. A share whose answer was lost is read back before it is sent again (no project is
granted twice). Ctrl+C starts no new change and prints every outcome (exit 130, 143 for
SIGTERM); running apply again finishes the job, and then finds nothing to do.
Exit codes: 0 done (or nothing to do, or not confirmed), 1 a change or a read failed, 2 the
file or the command line is wrong, or --yes is missing.

${CONNECTION_OWN_FORMAT}`,
  'demo-server': `ckpt-perms demo-server: serve the embedded demo API on 127.0.0.1 until interrupted.

Usage: ckpt-perms demo-server [--port N] [--permissions N] [--projects N] [--latency MS] [--faults SPEC] [--no-audit-log]

  --port N              port to listen on (default: any free port)
  --permissions N       permissions on the largest checkpoint, 0-100000 (default 137); adds
                        load-test projects when the organization has fewer active ones
  --projects N          projects of the organization, 30-100000 (default 180)
  --latency MS          delay before every answer (default 0)
  --faults SPEC         per-request fault probabilities, e.g. "429:0.2,500:0.1,reset:0.05,malformed:0.05"
                        (kinds: 429 500 502 503 504 reset malformed html empty hang;
                        reset-after and hang-after carry the request out, then lose the answer)
  --no-audit-log        an organization without audit logging: GET /organization/audit_logs answers
                        an empty list, and changes are not logged

Prints base_url=, admin_key= and api_key= lines and one checkpoint= line per seeded
checkpoint (the largest first), then serves. Point the official SDK, curl or
ckpt-perms --base-url … --admin-api-key … at it.`,
};

export function helpText(command?: CommandName): string {
  return `${command ? COMMAND_HELP[command] : TOOL}\n`;
}
