import type { FastifyReply } from 'fastify';

/** RFC 9457 problem types: stable URIs clients (the SDK) switch on. */
export const PROBLEM_BASE = 'https://netpad.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(status: number, type: string, title: string, detail?: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail ?? title);
    this.problem = { type: `${PROBLEM_BASE}${type}`, title, status, ...(detail ? { detail } : {}), ...extensions };
    this.headers = headers;
  }
}

export function sendProblem(reply: FastifyReply, error: ProblemError): FastifyReply {
  return reply.code(error.problem.status).headers(error.headers).type('application/problem+json').send(error.problem);
}

export const notFound = (what: string) => new ProblemError(404, 'not_found', 'Not found', what);
export const badRequest = (detail: string, extensions: Record<string, unknown> = {}) => new ProblemError(400, 'invalid_request', 'Invalid request', detail, extensions);
