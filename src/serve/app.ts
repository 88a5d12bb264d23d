import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import { computeAdvantages, PRESET_NAMES, resolveOptions, type PresetName, type RewardValue } from '../core/grpo/advantages';
import { splitQuery } from '../core/trace/query';
import { REWARD_NAMES, type RewardName } from '../core/types';
import { Metrics } from './metrics';
import { TimeoutError } from './pool';
import { RequestError, type ItemScore, type Scorer } from './scorer';

export interface Limits {
  /** Largest request body, in bytes. */
  bodyBytes: number;
  /** Most completions (or rewards) in one request. */
  batch: number;
  /** Longest time a request may take, in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = { bodyBytes: 64 * 1024 * 1024, batch: 8192, timeoutMs: 120_000 };

const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });

function getRewardSchema(limits: Limits) {
  return {
    type: 'object',
    required: ['query'],
    properties: {
      query: { type: 'array', items: { type: 'string' }, maxItems: limits.batch },
      prompts: { type: 'array', items: nullable('string') },
      labels: { type: 'array', items: nullable(['string', 'number']) },
    },
  };
}

function scoreSchema(limits: Limits) {
  return {
    type: 'object',
    required: ['completions'],
    properties: {
      completions: { type: 'array', items: { type: 'string' }, maxItems: limits.batch },
      prompts: { type: 'array', items: nullable('string') },
      ground_truths: { type: 'array', items: nullable(['string', 'number']) },
      preset: { type: 'string', enum: ['default', 'open-r1'] },
      weights: { type: 'object', additionalProperties: { type: 'number' } },
      findings: { type: 'boolean' },
    },
  };
}

const rewardValue = { type: ['number', 'null', 'array', 'object'] };

function advantagesSchema(limits: Limits) {
  return {
    type: 'object',
    properties: {
      groups: { type: 'array', items: { type: 'array', items: rewardValue }, maxItems: limits.batch },
      rewards: { type: 'array', items: rewardValue, maxItems: limits.batch },
      group_size: { type: 'integer', minimum: 1 },
      preset: { type: 'string', enum: [...PRESET_NAMES] },
      epsilon: { type: 'number', minimum: 0 },
      scale: { type: 'string', enum: ['group', 'batch', 'none'] },
      weights: { anyOf: [{ type: 'array', items: { type: 'number' } }, { type: 'object', additionalProperties: { type: 'number' } }] },
    },
  };
}

interface GetRewardBody {
  query: string[];
  prompts?: Array<string | null>;
  labels?: Array<string | number | null>;
}

interface ScoreBody {
  completions: string[];
  prompts?: Array<string | null>;
  ground_truths?: Array<string | number | null>;
  preset?: string;
  weights?: Record<string, number>;
  findings?: boolean;
}

interface AdvantagesBody {
  groups?: RewardValue[][];
  rewards?: RewardValue[];
  group_size?: number;
  preset?: PresetName;
  epsilon?: number;
  scale?: 'group' | 'batch' | 'none';
  weights?: number[] | Record<string, number>;
}

function sameLength(name: string, list: unknown[] | undefined, n: number, of: string): void {
  if (list !== undefined && list.length !== n) throw new RequestError(`"${name}" has ${list.length} entries but "${of}" has ${n}`);
}

const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));

/**
 * The score OpenRLHF uses for dynamic filtering, in [0, 1]: the accuracy reward when it applies,
 * else the total over the largest total the weights allow (clamped).
 */
export function unitScore(score: ItemScore, weights: Record<RewardName, number>): number {
  const accuracy = score.rewards.accuracy;
  if (accuracy !== null && Number.isFinite(accuracy)) return Math.min(1, Math.max(0, accuracy));
  let best = 0;
  for (const name of REWARD_NAMES) if (score.rewards[name] !== null && weights[name] > 0) best += weights[name];
  return best > 0 ? Math.min(1, Math.max(0, score.total / best)) : 0;
}

/** The HTTP face of the engine: OpenRLHF's remote reward protocol, scoring, advantages, health, metrics. */
export function buildApp(scorer: Scorer, limits: Limits = DEFAULT_LIMITS): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.timeoutMs + 10_000,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false, allowUnionTypes: true } },
  });
  const metrics = new Metrics();

  addLifecycle(app, metrics);
  addErrorReplies(app);
  addRewardRoutes(app, scorer, limits, metrics);
  addAdvantagesRoute(app, limits, metrics);

  app.get('/healthz', async () => ({ status: 'ok', workers: scorer.workers }));

  app.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  return app;
}

/** Connection closing on shutdown, and request counts and latency per route. */
function addLifecycle(app: FastifyInstance, metrics: Metrics): void {
  // While shutting down, answers close their connection, so keep-alive clients do not hold the
  // server open once the requests in flight are answered.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'none';
    metrics.requests.inc({ route, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
}

/** Errors as `{error}` with the status they deserve (400 for a bad request, 503 for a timeout), and a 404 that lists the routes. */
function addErrorReplies(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    let status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (error instanceof RequestError) status = 400;
    if (error instanceof TimeoutError) status = 503;
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') error.message = `send the body as JSON (content-type: application/json), not ${_request.headers['content-type'] ?? 'without a content type'}`;
    const message = status === 500 ? `internal error: ${String(error.message).split('\n')[0]}` : String(error.message).split('\n')[0];
    void reply.status(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]} (routes: POST /get_reward, POST /score, POST /advantages, GET /healthz, GET /metrics)` });
  });
}

/** `POST /get_reward` (OpenRLHF's remote reward protocol) and `POST /score`. */
function addRewardRoutes(app: FastifyInstance, scorer: Scorer, limits: Limits, metrics: Metrics): void {
  app.post<{ Body: GetRewardBody }>('/get_reward', { schema: { body: getRewardSchema(limits) } }, async (request) => {
    const { query, prompts, labels } = request.body;
    sameLength('prompts', prompts, query.length, 'query');
    sameLength('labels', labels, query.length, 'query');
    const items = query.map((q, i) => ({
      prompt: prompts?.[i] ?? null,
      completion: splitQuery(q, prompts?.[i]).response,
      groundTruth: text(labels?.[i]),
    }));
    metrics.batch.observe({ route: '/get_reward' }, items.length);
    const scores = await scorer.score(items);
    metrics.observeScores(scores);
    const weights = scorer.weights();
    const extra: Record<string, number[]> = {};
    for (const name of REWARD_NAMES) extra[name] = scores.map((s) => s.rewards[name] ?? 0);
    return { rewards: scores.map((s) => s.total), scores: scores.map((s) => unitScore(s, weights)), extra_logs: extra };
  });

  app.post<{ Body: ScoreBody }>('/score', { schema: { body: scoreSchema(limits) } }, async (request) => {
    const body = request.body;
    const n = body.completions.length;
    sameLength('prompts', body.prompts, n, 'completions');
    sameLength('ground_truths', body.ground_truths, n, 'completions');
    const settings = { preset: body.preset, weights: body.weights };
    scorer.config(settings); // refuses unknown reward names before any work
    const items = body.completions.map((completion, i) => ({ completion, prompt: body.prompts?.[i] ?? null, groundTruth: text(body.ground_truths?.[i]) }));
    metrics.batch.observe({ route: '/score' }, n);
    const scores = await scorer.score(items, settings, body.findings === true);
    metrics.observeScores(scores);
    return { results: scores.map((s) => ({ rewards: s.rewards, total: s.total, ...(s.findings ? { findings: s.findings } : {}) })) };
  });
}

/** `POST /advantages`: GRPO group advantages of grouped or flat rewards. */
function addAdvantagesRoute(app: FastifyInstance, limits: Limits, metrics: Metrics): void {
  app.post<{ Body: AdvantagesBody }>('/advantages', { schema: { body: advantagesSchema(limits) } }, async (request) => {
    const body = request.body;
    let groups = body.groups;
    const flat = groups === undefined;
    if (!groups) {
      if (!body.rewards) throw new RequestError('give "groups" (a list of lists of rewards) or "rewards" with "group_size"');
      const size = body.group_size ?? body.rewards.length;
      if (body.rewards.length % size !== 0) throw new RequestError(`"rewards" has ${body.rewards.length} entries, not a multiple of "group_size" ${size}`);
      groups = [];
      for (let i = 0; i < body.rewards.length; i += size) groups.push(body.rewards.slice(i, i + size));
    } else if (body.rewards !== undefined) throw new RequestError('give either "groups" or "rewards", not both');
    const count = groups.reduce((n, g) => n + g.length, 0);
    if (count > limits.batch) throw new RequestError(`${count} rewards in one request; at most ${limits.batch}`);
    const options = resolveOptions(body.preset ?? 'trl', { epsilon: body.epsilon, scale: body.scale });
    const result = computeAdvantages(groups, options, body.weights);
    metrics.batch.observe({ route: '/advantages' }, count);
    const advantages = result.groups.map((g) => g.advantages);
    return {
      advantages: flat ? advantages.flat() : advantages,
      groups: result.groups.map((g) => ({ mean: g.mean, std: g.std, zero_signal: g.zeroSignal })),
      options: result.options,
      stats: result.stats,
    };
  });
}
