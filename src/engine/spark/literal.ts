// JavaScript values -> Spark Connect Expression.Literal messages (for bound SQL parameters).
import type { Message } from './client.js';

/** One bound parameter as an Expression{ literal }. Types follow what DuckDB infers for the same JS value. */
export function toLiteralExpression(value: unknown, position: number): Message {
  return { literal: toLiteral(value, position) };
}

function toLiteral(value: unknown, position: number): Message {
  if (value === null || value === undefined) return { null: { null: {} } };
  switch (typeof value) {
    case 'boolean':
      return { boolean: value };
    case 'string':
      return { string: value };
    case 'bigint':
      return { long: value.toString() };
    case 'number':
      // Whole numbers bind as BIGINT, others as DOUBLE (NaN/Infinity included).
      return Number.isSafeInteger(value) ? { long: String(value) } : { double: value };
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new Error(`parameter $${position} is an invalid Date`);
        return { timestamp: String(BigInt(value.getTime()) * 1000n) };
      }
      throw new Error(
        `parameter $${position} has a type Spark parameters cannot carry (${Object.prototype.toString.call(value)}); pass a string, number, bigint, boolean, Date or null`,
      );
  }
}
