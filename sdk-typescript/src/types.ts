// The contract's schemas under their own names, as the generated types state them (snake_case, as on the wire).
import type { components, operations } from './generated/schema.js';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['ProblemFieldError'];
export type Model = Schemas['Model'];
export type ModelVisibility = Schemas['ModelVisibility'];
export type ModelList = Schemas['ModelList'];
export type ModelInfo = Schemas['ModelInfo'];
export type ModelHealth = Schemas['ModelHealth'];
export type ModelCreateRequest = Schemas['ModelCreateRequest'];
export type ModelUpdateRequest = Schemas['ModelUpdateRequest'];
export type ModelUsageReport = Schemas['ModelUsageReport'];
export type ModelUsageRow = Schemas['ModelUsageRow'];
export type PredictResponse = Schemas['PredictResponse'];
export type PredictionMetadata = Schemas['PredictionMetadata'];
export type LeadScoringInput = Schemas['LeadScoringInput'];
export type LeadScore = Schemas['LeadScore'];
export type Deployment = Schemas['Deployment'];
export type DeploymentList = Schemas['DeploymentList'];
export type DeploymentCreateRequest = Schemas['DeploymentCreateRequest'];
export type HealthStatus = Schemas['HealthStatus'];
export type ApiIndex = Schemas['ApiIndex'];
export type ApiKeyScope = Schemas['ApiKeyScope'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type ApiKeyCreateRequest = Schemas['ApiKeyCreateRequest'];
export type UsageReport = Schemas['UsageReport'];
export type UsageRow = Schemas['UsageRow'];
export type Account = Schemas['Account'];
export type AccountCreateRequest = Schemas['AccountCreateRequest'];
export type Credential = Schemas['Credential'];
export type AuditObjectType = Schemas['AuditObjectType'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditEventList = Schemas['AuditEventList'];
export type OutcomeRequest = Schemas['OutcomeRequest'];
export type Outcome = Schemas['Outcome'];
export type InferenceServerMetadata = Schemas['InferenceServerMetadata'];
export type InferenceServerLive = Schemas['InferenceServerLive'];
export type InferenceServerReady = Schemas['InferenceServerReady'];
export type TensorDatatype = Schemas['TensorDatatype'];
export type TensorMetadata = Schemas['TensorMetadata'];
export type TensorModelMetadata = Schemas['TensorModelMetadata'];
export type TensorModelReady = Schemas['TensorModelReady'];
export type InferenceParameters = Schemas['InferenceParameters'];
export type InferenceRequest = Schemas['InferenceRequest'];
export type InferenceRequestInput = Schemas['InferenceRequestInput'];
export type InferenceRequestOutput = Schemas['InferenceRequestOutput'];
export type InferenceResponse = Schemas['InferenceResponse'];
export type InferenceResponseOutput = Schemas['InferenceResponseOutput'];
export type OpenAiEmbeddingRequest = Schemas['OpenAiEmbeddingRequest'];
export type OpenAiEmbeddingList = Schemas['OpenAiEmbeddingList'];
export type OpenAiEmbedding = Schemas['OpenAiEmbedding'];
export type OpenAiEmbeddingUsage = Schemas['OpenAiEmbeddingUsage'];
export type OpenAiModel = Schemas['OpenAiModel'];
export type OpenAiModelList = Schemas['OpenAiModelList'];
export type OpenAiError = Schemas['OpenAiError'];

/** The query parameters of an operation, as the spec declares them. */
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** `limit` and `cursor` of one page of models. */
export type ModelListParams = Query<'listModels'>;
/** `from` and `to` (UTC days, `YYYY-MM-DD`) of a model's usage report. */
export type ModelUsageParams = Query<'getModelUsage'>;
/** `from`, `to`, `model`, `key_id` and `scope` of a usage report. */
export type UsageParams = Query<'getUsage'>;
/** `limit`, `cursor` and the filters of one page of audit events. */
export type AuditEventListParams = Query<'listAuditEvents'>;

/**
 * One prediction: the answer of a predict call with one input object, its `predictions` typed as the model's output
 * (`LeadScore` for model 21).
 */
export type Prediction<TOutput> = Omit<PredictResponse, 'predictions'> & { predictions: TOutput };

/** The answer of a predict call with an array of inputs: one prediction per input, in input order. */
export type BatchPrediction<TOutput> = Omit<PredictResponse, 'predictions'> & { predictions: TOutput[] };
