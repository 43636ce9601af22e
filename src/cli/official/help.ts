// --help of the official family: the official CLI's flags, with what ckpt-perms adds said as such.
import { GROUP, type Subcommand } from './args';

const GLOBAL = `Global options:
   --format FORMAT               auto, explore, json, jsonl, pretty, raw or yaml (default: auto, which is json)
   --format-error FORMAT         the same, for the error object of a failed request (default: auto)
   --transform PATH              a GJSON path applied to each item (list, create) or to the whole answer
   --transform-error PATH        a GJSON path applied to the error object
   --raw-output, -r              a string result without its quotes
   --api-key KEY                 [$OPENAI_API_KEY] sent when no admin key is given
   --admin-api-key KEY           [$OPENAI_ADMIN_KEY] wins over --api-key when both are set
   --organization ID             [$OPENAI_ORG_ID] OpenAI-Organization header
   --project ID                  [$OPENAI_PROJECT_ID] OpenAI-Project header
   --base-url URL                [$OPENAI_BASE_URL] default https://api.openai.com/v1
   --debug                       each request and response line with its headers on stderr (keys redacted)
   --mtls-client-cert-file FILE  [$OPENAI_MTLS_CLIENT_CERT_FILE] client certificate (PEM) for mutual TLS
   --mtls-client-key-file FILE   [$OPENAI_MTLS_CLIENT_KEY_FILE] its private key (PEM); both or neither,
                                 with an explicit https:// base URL
   --help, -h                    this help
  ckpt-perms adds: --timeout MS (per request, default 30000), --max-retries N (default 2), --demo (the embedded demo API)

Values of the command's flags may be @path (the file's text), @file://path, @data://path (base64), @- (stdin);
\\@x is a literal @x. API errors: the request line on stderr, the error object on stdout, exit 1.`;

const LIST_FLAGS = `   --fine-tuned-model-checkpoint ID   the checkpoint (or the first argument)
   --after ID                         the permission id to start after
   --limit N                          permissions per request (default: 10)
   --order ORDER                      ascending or descending (default: descending)
   --project-id ID                    only this project's permission
   --max-items N                      stop after N items (-1: all, the default)
   --max-pages N                      ckpt-perms': fail rather than read more than N pages (default 2000)`;

const COMMANDS: Record<Subcommand, string> = {
  list: `NAME:
   ckpt-perms ${GROUP} list - List checkpoint permissions (every page, one document per permission)

USAGE:
   ckpt-perms ${GROUP} list [options] [CHECKPOINT]

OPTIONS:
${LIST_FLAGS}`,
  retrieve: `NAME:
   ckpt-perms ${GROUP} retrieve - One page of checkpoint permissions, as one document

USAGE:
   ckpt-perms ${GROUP} retrieve [options] [CHECKPOINT]

OPTIONS:
${LIST_FLAGS}`,
  create: `NAME:
   ckpt-perms ${GROUP} create - Share a checkpoint with projects (one document per permission created)

USAGE:
   ckpt-perms ${GROUP} create [options] [CHECKPOINT]

OPTIONS:
   --fine-tuned-model-checkpoint ID   the checkpoint (or the first argument)
   --project-id ID                    a project to share with; repeat the flag for more
   --max-items N                      print at most N of the permissions created

A YAML or JSON body on stdin is merged in, the flags winning:
   printf 'project_ids: [proj_a, proj_b]\\n' | ckpt-perms ${GROUP} create CHECKPOINT`,
  delete: `NAME:
   ckpt-perms ${GROUP} delete - Revoke one permission (no confirmation: it is for scripts)

USAGE:
   ckpt-perms ${GROUP} delete [options] [CHECKPOINT [PERMISSION_ID]]

OPTIONS:
   --fine-tuned-model-checkpoint ID   the checkpoint (or the first argument)
   --permission-id ID                 the permission (cp_…; or the second argument)`,
};

const GROUP_HELP = `NAME:
   ckpt-perms ${GROUP} - the official openai CLI's commands, as a drop-in (alias openai=ckpt-perms)

USAGE:
   ckpt-perms [global options] ${GROUP} COMMAND [options] [arguments]

COMMANDS:
   list       every permission of a checkpoint, one document each, following every page
   retrieve   one page of permissions, as the API sends it
   create     share a checkpoint with projects
   delete     revoke one permission

Run ckpt-perms ${GROUP} COMMAND --help for a command's options.
ckpt-perms' own short commands (list, create, sync, export, …: ckpt-perms --help) print the API's page envelopes
and exit 2 on a wrong command line.`;

export function officialHelp(command: Subcommand | undefined): string {
  return `${command ? COMMANDS[command] : GROUP_HELP}\n\n${GLOBAL}\n`;
}
