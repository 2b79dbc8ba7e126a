/**
 * @netpad/editor: `<netpad-editor>` (import `@netpad/editor/netpad-editor.js` to define it) and
 * the editing model it runs on, usable without a page: pure edits on figure documents, undo
 * history, the input line and the tools.
 */
export { default as NetpadEditor, type NetpadEditorChangeDetail, type NetpadEditorSelectDetail } from './components/netpad-editor/netpad-editor.component';
export { blankDocument, addElements, replaceElement, deleteElements, renameElement, updateElement, setValues, elementById, type ElementPatch } from './model/document';
export { EditRefusedError, NameError } from './model/errors';
export { History, type HistoryEntry } from './model/history';
export { nextName, type NameKind } from './model/names';
export { dependentsOf, renameInExpression } from './model/references';
export { runInput, sliderFor, InputError, type InputResult } from './input/run';
export { COMMANDS, findCommand, definitionText, type CommandDefinition } from './input/commands';
export type { InputErrorCode } from './input/messages';
export { TOOLS, TOOL_IDS, findTool, type ToolDefinition } from './tools/catalogue';
export { ToolSession, snap, type Hit, type PickOutcome } from './tools/session';
