export { Hokusai, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './client.js';
export type { Fetch, HokusaiOptions, RequestOptions } from './options.js';
export { RawResponse } from './headers.js';
export type { Deprecation, RateLimit } from './headers.js';
export {
  AuthenticationError,
  ConnectionError,
  HokusaiError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './errors.js';
export type { FieldError } from './errors.js';
export { API_VERSION, SDK_VERSION } from './generated/spec.js';
export type { Models, ModelsWithRawResponse } from './resources/models.js';
export type { Predictions, PredictionsWithRawResponse, JsonObject } from './resources/predictions.js';
export type { Deployments, DeploymentsWithRawResponse } from './resources/deployments.js';
export type { ApiKeys, ApiKeysWithRawResponse } from './resources/api-keys.js';
export type { Usage, UsageWithRawResponse } from './resources/usage.js';
export type { Embeddings, EmbeddingsWithRawResponse } from './resources/embeddings.js';
export { embeddingVector } from './resources/embeddings.js';
export type { Outcomes, OutcomesWithRawResponse } from './resources/outcomes.js';
export type { Inference, InferenceWithRawResponse } from './resources/inference.js';
export type { System, SystemWithRawResponse } from './resources/system.js';
export type { Accounts, AccountsWithRawResponse } from './resources/accounts.js';
export type { AuditEvents, AuditEventsWithRawResponse } from './resources/audit-events.js';
export type * from './types.js';
/** Every schema, parameter and operation of the contract, as generated from it. */
export type { components, operations, paths } from './generated/schema.js';
