/**
 * Calculated query cost, the way Shopify describes it for the Admin GraphQL API: scalars and enums cost 0, an
 * object 1, a connection 2 plus `first`/`last` times the cost of one node, a mutation 10. The requested cost is
 * computed from the query alone (worst case); the actual cost from the data that came back (real page sizes,
 * null objects free). Good enough to drive the leaky bucket; not Shopify's exact per-field table.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';

export const MUTATION_COST = 10;

interface Ctx {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

const NOT_SET = Symbol('requested');
type Data = unknown | typeof NOT_SET;

function arg(field: FieldNode, name: string, vars: Record<string, unknown>): unknown {
  const a = field.arguments?.find((x) => x.name.value === name);
  return a ? valueFromASTUntyped(a.value, vars) : undefined;
}

function fieldsOf(type: GraphQLNamedType) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function selectionCost(ss: SelectionSetNode | undefined, parent: GraphQLNamedType, data: Data, ctx: Ctx): number {
  if (!ss) return 0;
  let total = 0;
  for (const sel of ss.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name.startsWith('__')) continue;
      const def = fieldsOf(parent)[name];
      if (!def) continue;
      const key = sel.alias?.value ?? name;
      const value = data === NOT_SET ? NOT_SET : (data as Record<string, unknown> | null)?.[key];
      total += fieldCost(sel, def.type, value, ctx);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? ctx.schema.getType(sel.typeCondition.name.value) : parent;
      if (t) total += selectionCost(sel.selectionSet, t, data, ctx);
    } else {
      const frag = ctx.fragments.get(sel.name.value);
      const t = frag && ctx.schema.getType(frag.typeCondition.name.value);
      if (frag && t) total += selectionCost(frag.selectionSet, t, data, ctx);
    }
  }
  return total;
}

/** Cost of one node of a connection, from `edges { node { … } }` and/or `nodes { … }` (the dearer of the two). */
function connectionNodeCost(field: FieldNode, conn: GraphQLNamedType, item: Data, ctx: Ctx): number {
  const nodeType = getNamedType(fieldsOf(conn).nodes?.type as GraphQLOutputType);
  let best = 0;
  for (const sel of field.selectionSet?.selections ?? []) {
    if (sel.kind !== Kind.FIELD) continue;
    if (sel.name.value === 'nodes') best = Math.max(best, 1 + selectionCost(sel.selectionSet, nodeType, item, ctx));
    if (sel.name.value === 'edges') {
      for (const inner of sel.selectionSet?.selections ?? []) {
        if (inner.kind === Kind.FIELD && inner.name.value === 'node') {
          best = Math.max(best, 1 + selectionCost(inner.selectionSet, nodeType, item, ctx));
        }
      }
    }
  }
  return best;
}

function fieldCost(field: FieldNode, type: GraphQLOutputType, value: Data, ctx: Ctx): number {
  const named = getNamedType(type);
  if (isLeafType(named)) return 0;
  if (named.name.endsWith('Connection')) {
    if (value === NOT_SET) {
      const size = Number(arg(field, 'first', ctx.variables) ?? arg(field, 'last', ctx.variables) ?? 0) || 0;
      return 2 + size * connectionNodeCost(field, named, NOT_SET, ctx);
    }
    if (value == null) return 0;
    const v = value as { nodes?: unknown[]; edges?: Array<{ node?: unknown }> };
    const items = v.nodes ?? v.edges?.map((e) => e.node) ?? [];
    return 2 + items.reduce<number>((sum, item) => sum + connectionNodeCost(field, named, item, ctx), 0);
  }
  if (isListType(getNullableType(type))) {
    if (value === NOT_SET) {
      const sized = arg(field, 'ids', ctx.variables) ?? arg(field, 'names', ctx.variables);
      const n = Array.isArray(sized) ? sized.length : 1;
      return n * (1 + selectionCost(field.selectionSet, named, NOT_SET, ctx));
    }
    if (!Array.isArray(value)) return 0;
    return value.reduce<number>((sum, v) => sum + (v == null ? 0 : 1 + selectionCost(field.selectionSet, named, v, ctx)), 0);
  }
  if (value === NOT_SET) return 1 + selectionCost(field.selectionSet, named, NOT_SET, ctx);
  if (value == null) return 0;
  return 1 + selectionCost(field.selectionSet, named, value, ctx);
}

export function queryCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data?: unknown,
): number {
  const ctx: Ctx = { schema, fragments, variables };
  if (op.operation === 'mutation') {
    return op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__')).length * MUTATION_COST;
  }
  const root = schema.getQueryType();
  if (!root) return 0;
  return selectionCost(op.selectionSet, root, data === undefined ? NOT_SET : data, ctx);
}
