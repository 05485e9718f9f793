import { z } from 'zod';
import { api, type MethodName } from '../../shared/api';
import { ERROR_CODES } from '../../shared/errors';
import { VERSION } from '../core/core';
import { SESSION_COOKIE } from './session';

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema 2020-12 (the dialect of OpenAPI 3.1); transforms and refinements that JSON Schema cannot say become `{}`. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResult' } } },
});

/**
 * The hub's public API, generated from the same zod schemas the core validates with, so it cannot drift from
 * what the hub accepts. Every method is `POST /api/<method>`.
 */
export function openApiDocument(serverUrl?: string): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {
    ErrorCode: { type: 'string', enum: [...ERROR_CODES] },
    ApiError: {
      type: 'object',
      properties: {
        code: { $ref: '#/components/schemas/ErrorCode' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field path → message, to show next to a form field.' },
        details: { type: 'object' },
      },
      required: ['code', 'message'],
    },
    ErrorResult: {
      type: 'object',
      properties: { ok: { const: false }, error: { $ref: '#/components/schemas/ApiError' } },
      required: ['ok', 'error'],
    },
  };
  const paths: Record<string, unknown> = {};
  for (const name of Object.keys(api) as MethodName[]) {
    const d = api[name];
    schemas[`${name}.Input`] = jsonSchema(d.input, 'input');
    schemas[`${name}.Output`] = jsonSchema(d.output, 'output');
    paths[`/api/${name}`] = {
      post: {
        operationId: name,
        summary: d.summary,
        tags: [name.split('.')[0]],
        'x-mutates': d.mutates,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}.Input` } } },
        },
        responses: {
          '200': {
            description: 'Done: the value.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { ok: { const: true }, value: { $ref: `#/components/schemas/${name}.Output` } },
                  required: ['ok', 'value'],
                },
              },
            },
          },
          '400': errorResponse('Refused: invalid input (VALIDATION, BAD_GTIN), malformed JSON (BAD_JSON) or a business rule (see code).'),
          '401': errorResponse('No valid session cookie or bearer token (UNAUTHORIZED).'),
          '403': errorResponse('Host, Origin or Sec-Fetch-Site is not this hub (FORBIDDEN).'),
          '404': errorResponse('No such method (UNKNOWN_METHOD).'),
          '405': errorResponse('Not POST (METHOD_NOT_ALLOWED).'),
          '413': errorResponse('Body over 1 MB.'),
          '415': errorResponse('Content-Type is not application/json.'),
          '500': errorResponse('A fault in the hub (INTERNAL).'),
        },
      },
    };
  }
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  paths['/api/events'] = {
    get: {
      operationId: 'events',
      summary: 'WebSocket (upgrade) pushing every core event as a JSON text frame {"event": name, "payload": …}: stock.changed, catalog.changed, locations.changed, scan. Pinged every 30 s.',
      responses: {
        '101': { description: 'Switching to WebSocket.' },
        '401': errorResponse('Not signed in.'),
        '403': errorResponse('Foreign Host or Origin.'),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stockroom hub API',
      version: VERSION,
      description:
        'Every call is POST /api/<method> with a JSON body and answers {"ok":true,"value":…} or {"ok":false,"error":{"code","message"}}. ' +
        'Authenticate with the session cookie (browser, after /signin?code=…) or Authorization: Bearer <device token>.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    tags: [...new Set(Object.keys(api).map((n) => n.split('.')[0]))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by GET /signin?code=… (one-time code printed by the hub).' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A device token minted by the hub for a paired device.' },
      },
    },
  };
}
