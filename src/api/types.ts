// Shapes of the operations ckpt-perms speaks, as in ../shared/api/ (OpenAPI 2.3.0).

export type Order = 'ascending' | 'descending';

export interface ListEnvelope<T> {
  object: 'list';
  data: T[];
  first_id?: string | null;
  last_id?: string | null;
  has_more: boolean;
}

export interface Permission {
  object: 'checkpoint.permission';
  id: string;
  created_at: number;
  project_id: string;
}

export interface DeletedPermission {
  object: 'checkpoint.permission';
  id: string;
  deleted: boolean;
}

export interface Project {
  id: string;
  object: 'organization.project';
  name?: string | null;
  created_at: number;
  archived_at?: number | null;
  status?: string | null;
}

export type JobStatus = 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface FineTuningJob {
  object: 'fine_tuning.job';
  id: string;
  model: string;
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  organization_id: string;
  result_files: string[];
  status: JobStatus;
  validation_file: string | null;
  training_file: string;
  hyperparameters: Record<string, unknown>;
  trained_tokens: number | null;
  error: { code: string; message: string; param: string | null } | null;
  seed: number;
  estimated_finish?: number | null;
  integrations?: unknown[] | null;
  method?: { type: 'supervised' | 'dpo' | 'reinforcement'; [k: string]: unknown };
  metadata?: Record<string, string> | null;
}

export interface JobCheckpointMetrics {
  step?: number;
  train_loss?: number;
  train_mean_token_accuracy?: number;
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
  full_valid_loss?: number;
  full_valid_mean_token_accuracy?: number;
}

export interface JobCheckpoint {
  object: 'fine_tuning.job.checkpoint';
  id: string;
  created_at: number;
  fine_tuned_model_checkpoint: string;
  step_number: number;
  metrics: JobCheckpointMetrics;
  fine_tuning_job_id: string;
}

/** The API's error body: {"error": {...}}. */
export interface ApiErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

// ---- the audit log (GET /organization/audit_logs): only the parts ckpt-perms reads are typed ----

export type PermissionEventType = 'checkpoint.permission.created' | 'checkpoint.permission.deleted';

export interface AuditLogUser {
  id?: string;
  email?: string;
}

/** Who did it: a user in a dashboard session, or an API key (a user's or a service account's). */
export interface AuditLogActor {
  type?: 'session' | 'api_key';
  session?: { user?: AuditLogUser; ip_address?: string };
  api_key?: {
    id?: string;
    type?: 'user' | 'service_account';
    user?: AuditLogUser;
    service_account?: { id?: string };
  };
}

export interface AuditLogEvent {
  id: string;
  /** One of the spec's AuditLogEventType values; others may come as the API grows. */
  type: string;
  /** Unix seconds. */
  effective_at: number;
  /** The project the action was scoped to (admin-key actions: the default project), not the project granted. */
  project?: { id?: string; name?: string };
  actor?: AuditLogActor | null;
  'checkpoint.permission.created'?: { id?: string; data?: { project_id?: string; fine_tuned_model_checkpoint?: string } };
  'checkpoint.permission.deleted'?: { id?: string };
  [details: string]: unknown;
}
