/**
 * Ignores mutants in explanation and message wording, which the issue leaves
 * out of the mutation score ("explanation wording aside"): the text of
 * thrown errors, `message`/`why`/`explanation` properties, zod's regex hints,
 * the formula parser's `fail(…)` messages, and the commission's explanation
 * pieces (`arithmetic`, `baseText`, `parts`). Everything that decides a
 * number, a code, a rule name or a path is still mutated and scored.
 */
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const WORDING_PROPERTIES = new Set(['message', 'why', 'explanation', 'reasons']);
const WORDING_VARIABLES = new Set(['arithmetic', 'baseText', 'parts', 'by']);

const name = (node) => (node?.type === 'Identifier' ? node.name : node?.type === 'StringLiteral' ? node.value : undefined);

export const wordingIgnorer = {
  shouldIgnore(path) {
    const { node, parentPath } = path;
    const parent = parentPath?.node;
    // new XxxError(<message>)
    if (parent?.type === 'NewExpression' && path.listKey === 'arguments' && /Error$/.test(name(parent.callee) ?? '')) return 'error message wording';
    // fail('<message>') in the formula parser; z.string().regex(re, '<hint>')
    if (parent?.type === 'CallExpression' && path.listKey === 'arguments') {
      const callee = parent.callee;
      if (name(callee) === 'fail') return 'error message wording';
      if (callee.type === 'MemberExpression' && name(callee.property) === 'regex' && path.key === 1) return 'validation hint wording';
      if (callee.type === 'MemberExpression' && name(callee.object) === 'parts' && name(callee.property) === 'push') return 'explanation wording';
    }
    // { message: …, why: …, explanation: …, reasons: … }
    if (node.type === 'ObjectProperty' && !node.computed && WORDING_PROPERTIES.has(name(node.key))) return 'message or explanation wording';
    // let arithmetic = …; arithmetic = …; arithmetic += …
    if (node.type === 'VariableDeclarator' && WORDING_VARIABLES.has(name(node.id)) ) return 'explanation wording';
    if (node.type === 'AssignmentExpression' && WORDING_VARIABLES.has(name(node.left))) return 'explanation wording';
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'wording', wordingIgnorer)];
