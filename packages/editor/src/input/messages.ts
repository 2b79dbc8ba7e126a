import type { ArgKind } from './commands';

export type InputErrorCode =
  | 'empty'
  | 'unbalanced'
  | 'bad_target'
  | 'empty_argument'
  | 'expression'
  | 'unknown_command'
  | 'bad_arguments'
  | 'undefined_name'
  | 'bad_name'
  | 'reserved_name'
  | 'not_a_number_definition'
  | 'invalid';

type Params = Record<string, string | number>;
type Texts = Record<InputErrorCode, (p: Params) => string>;

const EN: Texts = {
  empty: () => 'Type a command, a point such as (1, 2), or a function such as f(x) = x^2.',
  unbalanced: () => 'This bracket is never closed.',
  bad_target: () => 'Before "=" comes a name (A, c, k) or a function f(x).',
  empty_argument: () => 'Something is missing here.',
  expression: (p) => String(p.message),
  unknown_command: (p) => `There is no command "${p.name}". Try Segment, Line, Circle, Midpoint, Intersect, Polygon …`,
  bad_arguments: (p) => `${p.command} does not take these arguments. It takes: ${p.expected}.`,
  undefined_name: (p) => `"${p.name}" is not defined yet.`,
  bad_name: (p) => `"${p.name}" cannot be a name: use letters, digits and _ (starting with a letter).`,
  reserved_name: (p) => `"${p.name}" is a built-in name (a constant, a function or a variable); choose another.`,
  not_a_number_definition: () => 'A number defined by a formula is not yet in the figure format: use a slider (k = 2) or write the formula where it is used.',
  invalid: (p) => String(p.message),
};

const ZH: Texts = {
  empty: () => '请输入命令、点（如 (1, 2)）或函数（如 f(x) = x^2）。',
  unbalanced: () => '这个括号没有闭合。',
  bad_target: () => '“=” 前面应是名称（如 A、c、k）或函数 f(x)。',
  empty_argument: () => '这里缺少内容。',
  expression: (p) => String(p.message),
  unknown_command: (p) => `没有命令“${p.name}”。可以试试 线段、直线、圆、中点、交点、多边形……`,
  bad_arguments: (p) => `${p.command} 不接受这些参数。它的写法是：${p.expected}。`,
  undefined_name: (p) => `“${p.name}”还没有定义。`,
  bad_name: (p) => `“${p.name}”不能作为名称：请用字母、数字和下划线，并以字母开头。`,
  reserved_name: (p) => `“${p.name}”是内置名称（常数、函数或变量），请换一个。`,
  not_a_number_definition: () => '图形格式暂不支持用公式定义的数：请用滑块（如 k = 2），或把公式写在用到它的地方。',
  invalid: (p) => String(p.message),
};

export function inputMessages(code: InputErrorCode, params: Params): { en: string; 'zh-CN': string } {
  return { en: EN[code](params), 'zh-CN': ZH[code](params) };
}

export const ARG_KIND_NAMES: Record<'en' | 'zh-CN', Record<ArgKind, string>> = {
  en: { point: 'point', line: 'line', segment: 'segment', circle: 'circle', function: 'function', intersectable: 'line or circle', number: 'number', pointOrLine: 'point or line', vector: 'vector', transformable: 'point, line, circle or polygon' },
  'zh-CN': { point: '点', line: '线', segment: '线段', circle: '圆', function: '函数', intersectable: '线或圆', number: '数', pointOrLine: '点或线', vector: '向量', transformable: '点、线、圆或多边形' },
};
