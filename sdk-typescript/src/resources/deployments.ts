import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { Deployment, DeploymentCreateRequest, DeploymentList } from '../types.js';

/** {@link Deployments}' calls, each answering a {@link RawResponse}. */
export class DeploymentsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  list(modelRef: string, options?: RequestOptions): Promise<RawResponse<DeploymentList>> {
    return this.transport.send({ operation: 'listModelDeployments', path: { modelRef }, options });
  }

  get(deploymentId: string, options?: RequestOptions): Promise<RawResponse<Deployment>> {
    return this.transport.send({ operation: 'getDeployment', path: { deploymentId }, options });
  }

  create(modelRef: string, deployment: DeploymentCreateRequest, options?: RequestOptions): Promise<RawResponse<Deployment>> {
    return this.transport.send({ operation: 'createDeployment', path: { modelRef }, body: deployment, options });
  }

  activate(deploymentId: string, options?: RequestOptions): Promise<RawResponse<Deployment>> {
    return this.transport.send({ operation: 'activateDeployment', path: { deploymentId }, options });
  }

  retire(deploymentId: string, options?: RequestOptions): Promise<RawResponse<void>> {
    return this.transport.send({ operation: 'retireDeployment', path: { deploymentId }, options });
  }
}

/** Versions of a model's artifact that can serve its predictions; one per model is active. */
export class Deployments {
  readonly #raw: DeploymentsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new DeploymentsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id, rate limit and deprecation notice. */
  withRawResponse(): DeploymentsWithRawResponse {
    return this.#raw;
  }

  /** Every deployment of the model, newest first. */
  async list(modelRef: string, options?: RequestOptions): Promise<DeploymentList> {
    return (await this.#raw.list(modelRef, options)).value;
  }

  async get(deploymentId: string, options?: RequestOptions): Promise<Deployment> {
    return (await this.#raw.get(deploymentId, options)).value;
  }

  /**
   * Deploys a version of the model (scope `models:write`); it answers at once with `load_status: pending` and loads
   * in the background: follow it with `get`. Not retried after a dropped connection (no idempotency key).
   */
  async create(modelRef: string, deployment: DeploymentCreateRequest, options?: RequestOptions): Promise<Deployment> {
    return (await this.#raw.create(modelRef, deployment, options)).value;
  }

  /** Makes a `ready` deployment the one that serves its model; activating the previous one again is the rollback. */
  async activate(deploymentId: string, options?: RequestOptions): Promise<Deployment> {
    return (await this.#raw.activate(deploymentId, options)).value;
  }

  /** Retires a deployment that is not active. */
  async retire(deploymentId: string, options?: RequestOptions): Promise<void> {
    await this.#raw.retire(deploymentId, options);
  }
}
