import type { Locale } from '../types';

export type ValidationCode =
  | 'not_json'
  | 'not_an_object'
  | 'wrong_format'
  | 'unsupported_version'
  | 'needs_version'
  | 'missing_key'
  | 'unknown_key'
  | 'wrong_type'
  | 'out_of_range'
  | 'too_large'
  | 'too_many_elements'
  | 'bad_id'
  | 'reserved_id'
  | 'duplicate_id'
  | 'unknown_element_type'
  | 'dangling_reference'
  | 'wrong_reference_kind'
  | 'cycle'
  | 'conflicting_keys'
  | 'bad_expression'
  | 'bad_text_template'
  | 'bad_state'
  | 'too_complex'
  | 'control_character';

export type MessageParams = Readonly<Record<string, string | number>>;

type Template = (p: MessageParams) => string;

const en: Record<ValidationCode, Template> = {
  not_json: (p) => `The document is not valid JSON: ${p.detail}`,
  not_an_object: () => 'A figure document must be a JSON object.',
  wrong_format: () => 'This is not a Netpad figure: "format" must be "netpad-figure".',
  unsupported_version: (p) => `Figure format version ${p.version} is not supported; this renderer reads versions 1 and 2.`,
  needs_version: (p) => `"${p.type}" needs format version ${p.version}: set "version": ${p.version}.`,
  missing_key: (p) => `"${p.key}" is required here.`,
  unknown_key: (p) => `Unknown key "${p.key}" (a typo?).`,
  wrong_type: (p) => `Expected ${p.expected}, found ${p.found}.`,
  out_of_range: (p) => `${p.value} is out of range: ${p.range}.`,
  too_large: (p) => `The document is ${p.size} bytes; the limit is ${p.limit} bytes.`,
  too_many_elements: (p) => `The figure has ${p.count} elements; the limit is ${p.limit}.`,
  bad_id: (p) => `"${p.id}" is not a valid id: use a letter or _ followed by letters, digits or _, at most 32 characters.`,
  reserved_id: (p) => `"${p.id}" is a name of the expression language and cannot be an id.`,
  duplicate_id: (p) => `The id "${p.id}" is already used by element ${p.first}.`,
  unknown_element_type: (p) => `Unknown element type "${p.type}".`,
  dangling_reference: (p) => `"${p.ref}" refers to no element of this figure.`,
  wrong_reference_kind: (p) => `"${p.ref}" is a ${p.found}, but ${p.expected} is needed here.`,
  cycle: (p) => `These elements depend on each other in a circle: ${p.chain}.`,
  conflicting_keys: (p) => `${p.detail}`,
  bad_expression: (p) => `Bad expression: ${p.detail}`,
  bad_text_template: (p) => `Bad text: ${p.detail}`,
  bad_state: (p) => `Bad state for "${p.id}": ${p.detail}`,
  too_complex: (p) => `The figure needs more work to check than any figure should: more than ${p.limit} ${p.what}. Nothing after this point was checked.`,
  control_character: (p) => `The text contains the control character ${p.code} (at character ${p.position}), which a figure cannot show.`,
};

const zh: Record<ValidationCode, Template> = {
  not_json: (p) => `文档不是有效的 JSON：${p.detail}`,
  not_an_object: () => '图形文档必须是一个 JSON 对象。',
  wrong_format: () => '这不是 Netpad 图形文档：“format” 必须是 “netpad-figure”。',
  unsupported_version: (p) => `不支持图形格式版本 ${p.version}；本渲染器读取版本 1 和 2。`,
  needs_version: (p) => `“${p.type}”需要图形格式版本 ${p.version}：请把 "version" 设为 ${p.version}。`,
  missing_key: (p) => `此处缺少必需的 “${p.key}”。`,
  unknown_key: (p) => `未知的键 “${p.key}”（是否拼写错误？）。`,
  wrong_type: (p) => `应为${zhKind(p.expected)}，实际为${zhKind(p.found)}。`,
  out_of_range: (p) => `${p.valueZh ?? p.value} 超出范围：${p.rangeZh ?? p.range}。`,
  too_large: (p) => `文档大小为 ${p.size} 字节，超过上限 ${p.limit} 字节。`,
  too_many_elements: (p) => `图形有 ${p.count} 个元素，超过上限 ${p.limit} 个。`,
  bad_id: (p) => `“${p.id}” 不是有效的标识：须以字母或 _ 开头，后接字母、数字或 _，最多 32 个字符。`,
  reserved_id: (p) => `“${p.id}” 是表达式语言的保留名称，不能用作标识。`,
  duplicate_id: (p) => `标识 “${p.id}” 已被第 ${p.first} 个元素使用。`,
  unknown_element_type: (p) => `未知的元素类型 “${p.type}”。`,
  dangling_reference: (p) => `“${p.ref}” 没有指向本图形中的任何元素。`,
  wrong_reference_kind: (p) => `“${p.ref}” 是${zhKind(p.found)}，此处需要${zhKind(p.expected)}。`,
  cycle: (p) => `这些元素相互依赖，形成循环：${p.chain}。`,
  conflicting_keys: (p) => `${p.detailZh ?? p.detail}`,
  bad_expression: (p) => `表达式有误：${p.detailZh ?? p.detail}`,
  bad_text_template: (p) => `文本有误：${p.detailZh ?? p.detail}`,
  bad_state: (p) => `“${p.id}” 的状态有误：${p.detailZh ?? p.detail}`,
  too_complex: (p) => `图形过于复杂，超出检查上限：${p.what === 'expressions' ? '表达式' : '表达式字符'}超过 ${p.limit} 个。此处之后的内容未检查。`,
  control_character: (p) => `文本含有无法显示的控制字符 ${p.code}（第 ${p.position} 个字符）。`,
};

/** Chinese names of the kinds the English messages spell out. */
const ZH_KINDS: ReadonlyMap<string, string> = new Map([
  ['a number', '数'],
  ['an integer', '整数'],
  ['a string', '字符串'],
  ['a boolean', '布尔值'],
  ['an object', '对象'],
  ['an array', '数组'],
  ['null', 'null'],
  ['a number or an expression', '数或表达式'],
  ['an expression', '表达式'],
  ['text (a string or an object of strings by locale)', '文本（字符串，或按语言区分的字符串对象）'],
  ['an element id', '元素标识'],
  ['a point', '点'],
  ['a line, segment, ray or vector', '直线、线段、射线或向量'],
  ['a line-like element or a circle', '直线类元素或圆'],
  ['a segment', '线段'],
  ['a function graph', '函数图像'],
  ['a line-like element, circle, curve or function graph', '直线类元素、圆、曲线或函数图像'],
  ['a point or a segment', '点或线段'],
  ['a colour like #1e88e5', '形如 #1e88e5 的颜色'],
  ['an array of 2 numbers [x, y]', '由 2 个数组成的数组 [x, y]'],
  ['an array of 2 numbers or expressions', '由 2 个数或表达式组成的数组'],
  ['an array of 4 numbers [xmin, ymax, xmax, ymin]', '由 4 个数组成的数组 [xmin, ymax, xmax, ymin]'],
  ['two points [[x1, y1], [x2, y2]]', '两个点 [[x1, y1], [x2, y2]]'],
  ['one of', '以下之一'],
]);

function zhKind(kind: string | number | undefined): string {
  const s = String(kind ?? '');
  const direct = ZH_KINDS.get(s);
  if (direct) return direct;
  if (s.startsWith('one of ')) return `以下之一 ${s.slice(7)}`;
  if (s.startsWith('a ')) return ZH_ELEMENT_TYPES.get(s.slice(2)) ?? s;
  if (s.startsWith('an ')) return ZH_ELEMENT_TYPES.get(s.slice(3)) ?? s;
  return s;
}

const ZH_ELEMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['point', '点'],
  ['glider', '滑动点'],
  ['midpoint', '中点'],
  ['intersection', '交点'],
  ['slider', '滑块'],
  ['segment', '线段'],
  ['line', '直线'],
  ['ray', '射线'],
  ['vector', '向量'],
  ['perpendicular', '垂线'],
  ['parallel', '平行线'],
  ['bisector', '角平分线'],
  ['tangent', '切线'],
  ['circle', '圆'],
  ['arc', '圆弧'],
  ['ellipse', '椭圆'],
  ['polygon', '多边形'],
  ['functiongraph', '函数图像'],
  ['curve', '参数曲线'],
  ['integral', '积分'],
  ['riemann', '黎曼和'],
  ['angle', '角'],
  ['text', '文本'],
]);

export function validationMessages(code: ValidationCode, params: MessageParams): Record<Locale, string> {
  return { en: en[code](params), 'zh-CN': zh[code](params) };
}
