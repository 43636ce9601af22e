// Shapes of the seven operations ckpt-perms speaks, as in ../shared/api/ (OpenAPI 2.3.0).

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
