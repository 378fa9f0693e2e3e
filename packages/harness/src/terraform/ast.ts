/** The HCL native-syntax expression tree. `at` is the offset of the node in its source text. */

export type Expr =
  | { readonly type: 'literal'; readonly value: null | boolean | number | string; readonly at: number }
  | { readonly type: 'template'; readonly parts: readonly TemplatePart[]; readonly at: number }
  | { readonly type: 'tuple'; readonly items: readonly Expr[]; readonly at: number }
  | {
      readonly type: 'object';
      readonly items: readonly { readonly key: Expr; readonly value: Expr }[];
      readonly at: number;
    }
  | { readonly type: 'variable'; readonly name: string; readonly at: number }
  | { readonly type: 'getattr'; readonly target: Expr; readonly name: string; readonly at: number }
  | { readonly type: 'index'; readonly target: Expr; readonly key: Expr; readonly at: number }
  | {
      readonly type: 'splat';
      readonly target: Expr;
      /** The traversal applied to each element, with `each` standing for the element. */
      readonly each: Expr;
      readonly full: boolean;
      readonly at: number;
    }
  | { readonly type: 'splat-each'; readonly at: number }
  | {
      readonly type: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly expandFinal: boolean;
      readonly at: number;
    }
  | {
      readonly type: 'for';
      readonly keyVar: string | null;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly keyExpr: Expr | null;
      readonly valueExpr: Expr;
      readonly condition: Expr | null;
      readonly grouping: boolean;
      readonly at: number;
    }
  | { readonly type: 'unary'; readonly op: '-' | '!'; readonly operand: Expr; readonly at: number }
  | {
      readonly type: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly at: number;
    }
  | {
      readonly type: 'conditional';
      readonly condition: Expr;
      readonly whenTrue: Expr;
      readonly whenFalse: Expr;
      readonly at: number;
    }
  | { readonly type: 'paren'; readonly expr: Expr; readonly at: number };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | {
      readonly kind: 'if';
      readonly condition: Expr;
      readonly whenTrue: readonly TemplatePart[];
      readonly otherwise: readonly TemplatePart[];
    }
  | {
      readonly kind: 'for';
      readonly keyVar: string | null;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly body: readonly TemplatePart[];
    };

/** A reference from an expression to something in scope: `aws_vpc.this`, `var.x`, `module.m.out`. */
export interface StaticReference {
  /** Root name: var, local, module, data, each, count, path, self, or a resource type. */
  readonly root: string;
  /** Attribute names (and literal index keys) that follow, as far as they are static. */
  readonly steps: readonly (string | number)[];
}

/** Every static traversal an expression makes, as Terraform finds dependencies. */
export function referencesOf(
  expr: Expr,
  out: StaticReference[] = [],
  bound: ReadonlySet<string> = new Set(),
): StaticReference[] {
  const traversal = (node: Expr): StaticReference | undefined => {
    if (node.type === 'variable') return bound.has(node.name) ? undefined : { root: node.name, steps: [] };
    if (node.type === 'getattr') {
      const inner = traversal(node.target);
      return inner ? { root: inner.root, steps: [...inner.steps, node.name] } : undefined;
    }
    if (
      node.type === 'index' &&
      node.key.type === 'literal' &&
      (typeof node.key.value === 'string' || typeof node.key.value === 'number')
    ) {
      const inner = traversal(node.target);
      return inner ? { root: inner.root, steps: [...inner.steps, node.key.value] } : undefined;
    }
    return undefined;
  };
  const visit = (node: Expr, scope: ReadonlySet<string>): void => {
    if (node.type === 'variable' || node.type === 'getattr' || node.type === 'index') {
      const found = traversal(node);
      if (found) {
        if (!scope.has(found.root)) out.push(found);
        if (node.type === 'index' || node.type === 'getattr') {
          // Index keys may themselves reference things.
          if (node.type === 'index') visit(node.key, scope);
        }
        return;
      }
    }
    switch (node.type) {
      case 'literal':
      case 'splat-each':
      case 'variable':
        return;
      case 'template':
        visitParts(node.parts, scope);
        return;
      case 'tuple':
        for (const child of node.items) visit(child, scope);
        return;
      case 'object':
        for (const item of node.items) {
          visit(item.key, scope);
          visit(item.value, scope);
        }
        return;
      case 'getattr':
        visit(node.target, scope);
        return;
      case 'index':
        visit(node.target, scope);
        visit(node.key, scope);
        return;
      case 'splat':
        visit(node.target, scope);
        visit(node.each, scope);
        return;
      case 'call':
        for (const child of node.args) visit(child, scope);
        return;
      case 'for': {
        visit(node.collection, scope);
        const inner = new Set([...scope, node.valueVar, ...(node.keyVar ? [node.keyVar] : [])]);
        if (node.keyExpr) visit(node.keyExpr, inner);
        visit(node.valueExpr, inner);
        if (node.condition) visit(node.condition, inner);
        return;
      }
      case 'unary':
        visit(node.operand, scope);
        return;
      case 'binary':
        visit(node.left, scope);
        visit(node.right, scope);
        return;
      case 'conditional':
        visit(node.condition, scope);
        visit(node.whenTrue, scope);
        visit(node.whenFalse, scope);
        return;
      case 'paren':
        visit(node.expr, scope);
        return;
    }
  };
  const visitParts = (parts: readonly TemplatePart[], scope: ReadonlySet<string>): void => {
    for (const part of parts) {
      if (part.kind === 'interpolation') visit(part.expr, scope);
      else if (part.kind === 'if') {
        visit(part.condition, scope);
        visitParts(part.whenTrue, scope);
        visitParts(part.otherwise, scope);
      } else if (part.kind === 'for') {
        visit(part.collection, scope);
        visitParts(part.body, new Set([...scope, part.valueVar, ...(part.keyVar ? [part.keyVar] : [])]));
      }
    }
  };
  visit(expr, bound);
  return out;
}
