import {
  OperationNodeTransformer,
  type PrimitiveValueListNode,
  type ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

function utc(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(utc);
  return value;
}

class UtcDateParameters extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = utc(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((value) => value instanceof Date) ? { ...node, values: node.values.map(utc) } : node;
  }
}

/**
 * Sends instants as ISO-8601 UTC. pg formats a Date parameter in the process's local zone, and a
 * `timestamp` column (UTC wall time, as Prisma stores it) keeps that local wall time; pg's only
 * switch for it (`defaults.parseInputDatesAsUTC`) is process-wide.
 */
export class UtcDatesPlugin implements KyselyPlugin {
  private readonly transformer = new UtcDateParameters();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
