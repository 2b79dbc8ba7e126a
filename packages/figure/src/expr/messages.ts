import type { ErrorParams, ExpressionErrorCode } from './errors';

export interface ErrorMessages {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** Better wordings for frequent mistakes; each belongs to one error code. */
export type MessageVariant =
  | 'single_equals'
  | 'lone_bang'
  | 'full_width'
  | 'implicit_multiplication'
  | 'empty'
  | 'unclosed'
  | 'function_without_call'
  | 'not_a_variable'
  | 'not_callable'
  | 'member_of_kind'
  | 'operand_type';

type Template = (p: ErrorParams, at: number) => ErrorMessages;

const KIND_EN: ReadonlyMap<string, string> = new Map([
  ['number', 'a number'],
  ['point', 'a point'],
  ['segment', 'a segment'],
  ['line', 'a line'],
  ['circle', 'a circle'],
  ['polygon', 'a polygon'],
  ['function', 'a function graph'],
  ['opaque', 'a shape without a value'],
]);

const KIND_ZH: ReadonlyMap<string, string> = new Map([
  ['number', '数值'],
  ['point', '点'],
  ['segment', '线段'],
  ['line', '直线'],
  ['circle', '圆'],
  ['polygon', '多边形'],
  ['function', '函数图像'],
  ['opaque', '没有数值的图形'],
]);

function kindEn(kind: string | number | undefined): string {
  return KIND_EN.get(String(kind)) ?? String(kind);
}
function kindZh(kind: string | number | undefined): string {
  return KIND_ZH.get(String(kind)) ?? String(kind);
}

/** `expected` is a `|`-separated list of kinds: "polygon|circle|number". */
function kindListEn(list: string | number | undefined): string {
  const names = String(list).split('|').map(kindEn);
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
function kindListZh(list: string | number | undefined): string {
  const names = String(list).split('|').map(kindZh);
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}

function countEn(p: ErrorParams): string {
  const { min, max } = p;
  const unit = max === 1 ? 'argument' : 'arguments';
  if (min === max) return `${min} ${unit}`;
  return Number(max) === Number(min) + 1 ? `${min} or ${max} ${unit}` : `${min} to ${max} ${unit}`;
}
function countZh(p: ErrorParams): string {
  const { min, max } = p;
  if (min === max) return `${min} 个参数`;
  return Number(max) === Number(min) + 1 ? `${min} 或 ${max} 个参数` : `${min} 到 ${max} 个参数`;
}

/** Invisible characters (a no-break space pasted from a web page) are shown by their code. */
function visible(ch: string): boolean {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch);
}
function charEn(p: ErrorParams): string {
  const ch = String(p.char);
  return visible(ch) ? `"${ch}"` : String(p.code);
}
function charZh(p: ErrorParams): string {
  const ch = String(p.char);
  return visible(ch) ? `“${ch}”` : String(p.code);
}

/** Both languages the same way: English "… at character N", Chinese "第 N 个字符处：…". */
function at(en: string, zh: string, n: number, hintEn?: string, hintZh?: string): ErrorMessages {
  return {
    en: `${en} at character ${n}${hintEn ? `: ${hintEn}` : ''}`,
    'zh-CN': `第 ${n} 个字符处：${zh}${hintZh ? `，${hintZh}` : ''}`,
  };
}

const TEMPLATES: ReadonlyMap<ExpressionErrorCode | MessageVariant, Template> = new Map<ExpressionErrorCode | MessageVariant, Template>([
  ['unexpected_character', (p, n) => at(`Unexpected character ${charEn(p)}`, `不能使用字符 ${charZh(p)}`, n)],
  [
    'single_equals',
    (_p, n) => at('Unexpected "="', '不能单独使用 “=”', n, 'write "==" to compare (there is no assignment)', '比较是否相等请写 “==”（表达式中没有赋值）'),
  ],
  ['lone_bang', (_p, n) => at('Unexpected "!"', '不能单独使用 “!”', n, 'write "!=" for "not equal"', '“不等于” 请写 “!=”')],
  [
    'full_width',
    (p, n) => at(`Unexpected full-width character ${charEn(p)}`, `不能使用全角字符 ${charZh(p)}`, n, `use the half-width "${p.ascii}"`, `请改用半角的 “${p.ascii}”`),
  ],
  ['unexpected_token', (p, n) => at(`Unexpected "${p.token}"`, `此处不应出现 “${p.token}”`, n)],
  [
    'implicit_multiplication',
    (p, n) =>
      at(
        `Unexpected "${p.token}"`,
        `此处不应出现 “${p.token}”`,
        n,
        `multiplication must be written out, e.g. ${p.before}*${p.token}`,
        `乘号不能省略，应写作 ${p.before}*${p.token}`,
      ),
  ],
  [
    'unexpected_end',
    (_p, n) => ({ en: `The expression ends too early, after character ${n - 1}`, 'zh-CN': `表达式在第 ${n - 1} 个字符之后意外结束` }),
  ],
  ['empty', () => ({ en: 'The expression is empty', 'zh-CN': '表达式为空' })],
  [
    'unclosed',
    (p) => ({
      en: `The expression ends too early: the "(" at character ${Number(p.open) + 1} is never closed`,
      'zh-CN': `表达式意外结束：第 ${Number(p.open) + 1} 个字符处的 “(” 没有闭合`,
    }),
  ],
  ['unknown_name', (p, n) => at(`Unknown name "${p.name}"`, `未知的名称 “${p.name}”`, n)],
  [
    'function_without_call',
    (p, n) => at(`Function "${p.name}" used without arguments`, `函数 “${p.name}” 缺少参数`, n, `write ${p.name}(…)`, `应写作 ${p.name}(…)`),
  ],
  [
    'not_a_variable',
    (p, n) => at(`Unknown name "${p.name}"`, `未知的名称 “${p.name}”`, n, `this formula has no variable "${p.name}"`, `这个公式中没有变量 “${p.name}”`),
  ],
  ['unknown_function', (p, n) => at(`Unknown function "${p.name}"`, `未知的函数 “${p.name}”`, n)],
  [
    'not_callable',
    (p, n) => at(`"${p.name}" cannot be called`, `“${p.name}” 不能调用`, n, `it is ${kindEn(p.kind)}, not a function`, `它是${kindZh(p.kind)}，不是函数`),
  ],
  [
    'unknown_member',
    (p, n) =>
      at(
        `Unknown member ".${p.member}"`,
        `未知的成员 “.${p.member}”`,
        n,
        'the members are .x and .y of a point, .r of a circle and .length of a segment',
        '可用的成员有点的 .x 和 .y、圆的 .r 以及线段的 .length',
      ),
  ],
  ['member_of_kind', (p, n) => at(`Unknown member ".${p.member}" of ${kindEn(p.kind)}`, `${kindZh(p.kind)}没有成员 “.${p.member}”`, n)],
  [
    'wrong_argument_count',
    (p, n) =>
      at(
        `Wrong number of arguments for "${p.name}"`,
        `函数 “${p.name}” 的参数个数不对`,
        n,
        `it takes ${countEn(p)}, not ${p.count}`,
        `需要 ${countZh(p)}，这里有 ${p.count} 个`,
      ),
  ],
  [
    'wrong_argument_type',
    (p, n) =>
      at(
        `Wrong argument type for "${p.name}"`,
        `函数 “${p.name}” 的参数类型不对`,
        n,
        `argument ${p.index} must be ${kindListEn(p.expected)}, not ${kindEn(p.actual)}`,
        `第 ${p.index} 个参数应为${kindListZh(p.expected)}，而不是${kindZh(p.actual)}`,
      ),
  ],
  [
    'operand_type',
    (p, n) =>
      at(
        `Wrong operand type for "${p.operator}"`,
        `“${p.operator}” 的运算对象类型不对`,
        n,
        `it needs numbers, not ${kindEn(p.actual)}`,
        `应为数，而不是${kindZh(p.actual)}`,
      ),
  ],
  [
    'too_long',
    (p) => ({
      en: `The expression is too long: ${p.length} characters, at most ${p.max} are allowed`,
      'zh-CN': `表达式太长：共 ${p.length} 个字符，最多允许 ${p.max} 个`,
    }),
  ],
  [
    'too_deep',
    (p, n) => at('The expression is nested too deeply', '表达式嵌套过深', n, `at most ${p.max} levels are allowed`, `最多允许 ${p.max} 层`),
  ],
]);

export function describeError(id: ExpressionErrorCode | MessageVariant, position: number, params: ErrorParams): ErrorMessages {
  const template = TEMPLATES.get(id);
  if (!template) return { en: `${id} at character ${position + 1}`, 'zh-CN': `第 ${position + 1} 个字符处：${id}` };
  return template(params, position + 1);
}
