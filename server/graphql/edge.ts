/**
 * Refusals at the HTTP/GraphQL edge, before any resolver runs:
 * - every error a client sees carries extensions.code (the graphql-armor
 *   limits, CSRF, variable coercion, parse and request errors included);
 * - the cost limit, computed with the operation's variables, so a page size
 *   passed as a variable counts the same as a literal;
 * - introspection only for a signed-in user (clients use schema/schema.graphql).
 */
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Reason } from '../../schema/reasons.ts';

/** For graphql-armor's onReject: the refusal keeps armor's English message and gains a code, a reason and the limit. */
export const armorReason =
  (reason: 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_DIRECTIVES' | 'MAX_TOKENS', limit: number) =>
  (_ctx: unknown, error: GraphQLError) => {
    Object.assign(error.extensions as Record<string, unknown>, { code: 'GRAPHQL_VALIDATION_FAILED', reason, limit, params: { limit } });
  };

type Coded = { code: string; reason?: Reason; params?: Record<string, string | number> };

/** The code (and reason) an error without one gets, from what yoga and graphql-js say about it. */
function codeFor(error: GraphQLError): Coded {
  const m = error.message;
  const variable = /^Variable "\$([^"]+)" (got invalid value|of required type|of non-null type)/.exec(m);
  if (variable) return { code: 'BAD_USER_INPUT', reason: 'VARIABLE_TYPE', params: { variable: variable[1]! } };
  if (/CSRF/i.test(m)) return { code: 'FORBIDDEN', reason: 'CSRF' };
  if (/^Syntax Error:/.test(m)) return { code: 'GRAPHQL_PARSE_FAILED' };
  if (CLIENT_MISTAKES.test(m)) return { code: 'BAD_REQUEST' };
  if (/^Unexpected error\.?$/.test(m)) return { code: 'INTERNAL_SERVER_ERROR' };
  const status = (error.extensions as { http?: { status?: number } }).http?.status;
  if (status === 401) return { code: 'UNAUTHENTICATED' };
  if (status === 403) return { code: 'FORBIDDEN' };
  if (status === 413) return { code: 'BAD_REQUEST', reason: 'PAYLOAD_TOO_LARGE' };
  if (status === 429) return { code: 'BAD_REQUEST', reason: 'RATE_LIMITED' };
  if (status && status >= 400 && status < 500) return { code: 'BAD_REQUEST' };
  return { code: 'INTERNAL_SERVER_ERROR' };
}

/** The reason an error gets from its code alone, when nothing more specific is known. */
const REASON_OF_CODE: Record<string, Reason> = {
  UNAUTHENTICATED: 'SIGN_IN_REQUIRED',
  FORBIDDEN: 'ROLE_NOT_ALLOWED',
  BAD_USER_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CHANGED_BY_SOMEONE_ELSE',
  GRAPHQL_PARSE_FAILED: 'QUERY_SYNTAX',
  GRAPHQL_VALIDATION_FAILED: 'QUERY_INVALID',
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

type Result = { errors?: readonly GraphQLError[] };

const CLIENT_MISTAKES = /^(Multipart form field|Schema is not configured to execute (subscription|mutation) operation)/;

/** The same error with a code (and without originalError); errors may be frozen, so each is rebuilt when it lacks one. */
function withCode(error: GraphQLError): GraphQLError {
  const ext = { ...((error.extensions ?? {}) as Record<string, unknown>) };
  // yoga copies a JSON parser's message (which quotes the body) into originalError: never echo request content.
  const hadOriginal = 'originalError' in ext;
  delete ext.originalError;
  // yoga reports a few request mistakes as internal errors: they are the client's.
  if (ext.code === 'INTERNAL_SERVER_ERROR' && CLIENT_MISTAKES.test(error.message)) ext.code = 'BAD_REQUEST';
  else if (typeof ext.code === 'string' && !hadOriginal && typeof ext.reason === 'string' && ext.params) return error;
  if (typeof ext.code !== 'string' || ext.reason === undefined) {
    const { code, reason, params } = codeFor(error);
    if (typeof ext.code !== 'string') ext.code = code;
    if (ext.reason === undefined) {
      ext.reason = reason ?? REASON_OF_CODE[ext.code as string] ?? 'INTERNAL';
      if (params) ext.params = params;
    }
  }
  if (!ext.params) ext.params = {};
  const coded = new GraphQLError(error.message, { path: error.path, extensions: ext });
  if (error.locations) Object.defineProperty(coded, 'locations', { value: error.locations, enumerable: true, writable: true, configurable: true });
  return coded;
}

const addCodes = (result: Result): Result =>
  result.errors?.length ? Object.assign(Object.create(Object.getPrototypeOf(result)), result, { errors: result.errors.map(withCode) }) : result;

export const useCodedErrors = (): Plugin => ({
  // yoga answers an unsupported media type with an empty 415: give it a coded GraphQL error body too.
  onResponse({ response, setResponse, fetchAPI }) {
    if (response.status < 400 || response.headers.get('content-type')) return;
    const code = response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    const message = response.status === 415 ? 'Send GraphQL as application/json, a GET query string or multipart/form-data' : `The request was refused (HTTP ${response.status})`;
    const headers = new fetchAPI.Headers(response.headers);
    headers.set('content-type', 'application/json; charset=utf-8');
    const reason: Reason = response.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : response.status === 413 ? 'PAYLOAD_TOO_LARGE' : response.status === 429 ? 'RATE_LIMITED' : code === 'BAD_REQUEST' ? 'REQUEST_REFUSED' : 'INTERNAL';
    const params = reason === 'REQUEST_REFUSED' ? { status: response.status } : {};
    setResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, reason, params } }] }), { status: response.status, headers }));
  },
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result)) setResult(result.map(addCodes) as typeof result);
    else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) setResult(addCodes(result as Result) as typeof result);
  },
});

const PAGE_ARGS = ['first', 'last'] as const;
/** The largest page any field accepts: a larger one is refused by the field itself (BAD_USER_INPUT naming it). */
const MAX_PAGE = 1000;

/**
 * The values an operation can produce: each field counts 1, and a field with a
 * page size (`first`/`last`, as given by a literal, a variable or the schema's
 * default) multiplies what is below it by that size.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, seen: Set<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) ?? parent) : parent;
        cost += selectionCost(sel.selectionSet, on, seen);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(sel.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
        cost += selectionCost(fragment.selectionSet, on, new Set([...seen, fragment.name.value]));
      } else {
        cost += 1;
        if (!sel.selectionSet) continue;
        const def = isObjectType(parent) || (!isAbstractType(parent) && 'getFields' in parent) ? (parent as { getFields(): Record<string, any> }).getFields()[sel.name.value] : undefined;
        let size = 1;
        if (def) {
          const args = def.args?.length ? getArgumentValues(def, sel, variables) : {};
          for (const name of PAGE_ARGS) {
            const n = args[name];
            if (typeof n === 'number' && Number.isFinite(n)) size = Math.max(size, Math.min(n, MAX_PAGE));
          }
        }
        const child = def ? (getNamedType(def.type) as unknown as GraphQLNamedType) : parent;
        cost += size * selectionCost(sel.selectionSet, child, seen);
      }
    }
    return cost;
  };
  return selectionCost(operation.selectionSet, rootType, new Set());
}

/** Whether any field of the document's operations and fragments passes `test`. */
function anyField(document: DocumentNode, test: (field: FieldNode) => boolean): boolean {
  let found = false;
  const visit = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (found) return;
      if (sel.kind === Kind.FIELD) {
        if (test(sel)) found = true;
        else if (sel.selectionSet) visit(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visit(d.selectionSet);
  return found;
}

/** Whether any page size in the document is given by a variable: if none, an operation's cost is the same whatever the variables. */
const pagedByVariable = (document: DocumentNode) =>
  anyField(document, (field) => !!field.arguments?.some((a) => (PAGE_ARGS as readonly string[]).includes(a.name.value) && a.value.kind === Kind.VARIABLE));

export const useCostLimit = (maxCost: number): Plugin<Context> => {
  /**
   * By document (yoga's parser cache gives the same document for the same text): the cost of each
   * of its operations by name, or null where a variable sets a page size and every request is
   * costed with its own variables. A pane's own queries are costed once, not on every request.
   */
  const costs = new WeakMap<DocumentNode, Map<string, number> | null>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let byName = costs.get(args.document);
      if (byName === undefined) costs.set(args.document, (byName = pagedByVariable(args.document) ? null : new Map()));
      const name = args.operationName ?? '';
      let cost = byName?.get(name);
      if (cost === undefined) {
        const operation = getOperationAST(args.document, args.operationName ?? undefined);
        if (!operation) return;
        // Variables that do not coerce are refused by execution itself, with their own error.
        const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
        if (coerced.errors) return;
        cost = operationCost(args.schema, args.document, args.operationName, coerced.coerced);
        byName?.set(name, cost);
      }
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}: ask for fewer fields or a smaller page`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'COST_LIMIT' satisfies Reason, limit: maxCost, cost, params: { limit: maxCost, cost } },
            }),
          ],
        });
      }
    },
  };
};

const usesIntrospection = (document: DocumentNode) => anyField(document, (field) => field.name.value === '__schema' || field.name.value === '__type');

/** `__schema` and `__type` answer only a signed-in user; `__typename` stays open. */
export const useIntrospectionForSignedIn = (): Plugin<Context> => ({
  onExecute({ args, setResultAndStopExecution }) {
    if ((args.contextValue as Context).viewer) return;
    if (!usesIntrospection(args.document)) return;
    setResultAndStopExecution({
      errors: [
        new GraphQLError('Sign in to introspect the schema (clients use schema/schema.graphql)', {
          extensions: { code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_REQUIRES_SIGN_IN' satisfies Reason, params: {} },
        }),
      ],
    });
  },
});
