import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { MAX_PAGE_SIZE } from './connection.js';

/**
 * Limits on what one GraphQL document may ask, checked before any resolver runs, for HTTP and
 * for graphql-ws alike: a deep or alias-heavy query costs the server far more than the client.
 */
export const QUERY_LIMITS = {
  /** Nesting of selections; the console's deepest query is about 6. */
  maxDepth: 12,
  /** Aliased fields in one document (alias attacks repeat an expensive field under new names). */
  maxAliases: 30,
  /** Tokens in one document, enforced by the parser itself. */
  maxTokens: 5000,
};

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}

/** Rejects selections nested deeper than `maxDepth` (fragments are followed). */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])));
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth)
          context.reportError(
            limitError(`The query is ${depth} levels deep; the limit is ${maxDepth}. Split it into smaller queries.`),
          );
      },
    };
  };
}

/** Rejects documents with more than `maxAliases` aliased fields. */
export function aliasLimit(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(limitError(`The query uses more than ${maxAliases} aliases; ask for fewer fields at once.`));
        }
      },
    };
  };
}

export const LIMIT_RULES = [depthLimit(QUERY_LIMITS.maxDepth), aliasLimit(QUERY_LIMITS.maxAliases)];

/** What a list without `first`/`last` is assumed to hold, as a page with no size asked gets. */
export const DEFAULT_LIST_SIZE = 20;
/** A document whose cost takes more steps than this to add up is refused without finishing. */
const MAX_COST_STEPS = 200_000;

/**
 * The static cost of running `document`'s operation with `variables`: every field costs 1, and
 * a field with a `first`/`last` argument (a page) multiplies what is below it by the page size
 * (its default when not given). Other lists of objects count as DEFAULT_LIST_SIZE items; the
 * `edges` of a page do not multiply again. Introspection (`__schema`, `__type`) costs 1.
 * Returns Infinity for a document too convoluted to add up.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  const variableValues = coerced.coerced ?? variables ?? {};
  let steps = 0;

  const pageSize = (field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]): number | null => {
    if (!field.args.some((a) => a.name === 'first' || a.name === 'last')) return null;
    try {
      const args = getArgumentValues(field, node, variableValues);
      const size = Number(args.first ?? args.last ?? DEFAULT_LIST_SIZE);
      // A larger page is refused by the list's own argument check, with a clearer message than a cost.
      return Number.isFinite(size) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(size))) : DEFAULT_LIST_SIZE;
    } catch {
      return DEFAULT_LIST_SIZE;
    }
  };

  const costOf = (
    set: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    insidePage: boolean,
    seen: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (++steps > MAX_COST_STEPS) return Number.POSITIVE_INFINITY;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOf(selection.selectionSet, type ?? undefined, insidePage, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
        total += costOf(fragment.selectionSet, type, insidePage, new Set([...seen, fragment.name.value]));
      } else {
        total += 1;
        const name = selection.name.value;
        if (!selection.selectionSet || name === '__schema' || name === '__type') continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const size = field ? pageSize(field, selection) : null;
        const isList = field ? isListType(getNullableType(field.type)) : false;
        const multiplier = size ?? (isList && !insidePage ? DEFAULT_LIST_SIZE : 1);
        const below = costOf(selection.selectionSet, field ? getNamedType(field.type) : undefined, size !== null, seen);
        total += multiplier * below;
      }
    }
    return total;
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  return costOf(operation.selectionSet, root, false, new Set());
}

/** The refusal of an operation that costs more than `maxCost`, or null when it may run. */
export function costLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxCost: number,
): GraphQLError | null {
  const cost = operationCost(schema, document, operationName, variables);
  if (cost <= maxCost) return null;
  const shown = Number.isFinite(cost) ? cost.toLocaleString('en-US') : 'too much to add up';
  return new GraphQLError(
    `The query costs ${shown}; the limit is ${maxCost.toLocaleString('en-US')}. Ask for smaller pages (first/last) or fewer fields.`,
    // 400 over HTTP, as for the depth limit; Apollo removes `http` before the client sees it.
    {
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        cost: Number.isFinite(cost) ? cost : null,
        maxCost,
        http: { status: 400 },
      },
    },
  );
}
