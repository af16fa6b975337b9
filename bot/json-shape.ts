/**
 * Depth and size limits on a parsed JSON body. body-parser bounds the bytes, not the shape: a
 * `value` nested 5,000 levels deep fits in 10 KB, was accepted, and later broke every poll of its
 * conversation (serialising it overflowed the stack), so the shape is checked before anything is
 * kept.
 *
 *   jsonShapeProblem({ a: { b: 1 } }, { maxDepth: 1, maxKeys: 10 }) // "nested deeper than 1 levels"
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-errors.js';
import type { Limits } from './limits.js';

type ShapeLimits = Pick<Limits, 'maxJsonDepth' | 'maxJsonKeys'>;

/** Why a value breaks the limits, or undefined when it keeps to them. Iterative, so no input can overflow the stack. */
export function jsonShapeProblem(value: unknown, limits: { maxDepth: number; maxKeys: number }): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let keys = 0;
  while (stack.length) {
    const { value: node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    const children = Array.isArray(node) ? node : Object.values(node);
    keys += children.length;
    if (keys > limits.maxKeys) return `more than ${limits.maxKeys.toLocaleString('en-US')} keys and items in all`;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** Express middleware after express.json(): a body outside the limits is the client's 400. */
export function jsonShapeLimits(limits: ShapeLimits) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const problem = req.body === undefined ? undefined : jsonShapeProblem(req.body, { maxDepth: limits.maxJsonDepth, maxKeys: limits.maxJsonKeys });
    next(problem ? new HttpError(400, 'BadArgument', `the JSON body is ${problem}`) : undefined);
  };
}
