// @ts-check
// Stryker ignorer: mutants inside text that only a human reads (error messages, the parser's `issue`) are
// ignored, so the mutation score measures decisions, boundaries, codes and `detail` fields. What counts as
// message text is spelled out here and in docs/testing.md (mutation); anything else is mutated.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

// The Authorization parser's `fail(raw, { issue })`: the issue is prose (the `reason` next to it is not).
const ISSUE_CALLS = new Set(['fail']);
// Calls whose argument at this index is the human-readable message.
const MESSAGE_ARGUMENT = new Map([
  ['AuditNotifyError', 1],
  ['TypeError', 0],
  ['Error', 0],
  ['refuse', 1],
  ['handlerFailed', 1],
  ['rawBodyUnavailable', 1],
]);
// Local constants that hold only message text.
const MESSAGE_VARIABLES = new Set(['message', 'explanation', 'millis', 'DO_NOT_RESEND']);

/** A string, a template, or a choice between them: text, not a computation. */
function isText(node) {
  if (!node) return false;
  if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') return true;
  if (node.type === 'ConditionalExpression') return isText(node.consequent) && isText(node.alternate);
  return false;
}

function calleeName(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}

const REASON = 'message text only (docs/testing.md, mutation)';

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'message-text', {
    shouldIgnore(path) {
      const { node, parent } = path;
      if (node.type === 'ObjectProperty' && !node.computed && node.key.type === 'Identifier') {
        const call = path.parentPath?.parent;
        if (node.key.name === 'issue' && call?.type === 'CallExpression' && ISSUE_CALLS.has(calleeName(call.callee) ?? '')) return REASON;
        if (node.key.name === 'message' && isText(node.value)) return REASON;
      }
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && MESSAGE_VARIABLES.has(node.id.name) && isText(node.init)) {
        return REASON;
      }
      if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && path.listKey === 'arguments') {
        const name = calleeName(parent.callee);
        if (name !== undefined && MESSAGE_ARGUMENT.get(name) === path.key && isText(node)) return REASON;
      }
      return undefined;
    },
  }),
];
