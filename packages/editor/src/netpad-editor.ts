/** Importing this module defines `<netpad-editor>` (once, however often it is loaded). */
import NetpadEditor from './components/netpad-editor/netpad-editor.component';
import type { NetpadEditorChangeDetail, NetpadEditorSelectDetail } from './components/netpad-editor/netpad-editor.component';
import { defineOnce } from './internal/define';

defineOnce('netpad-editor', NetpadEditor);

declare global {
  interface HTMLElementTagNameMap {
    'netpad-editor': NetpadEditor;
  }
  interface HTMLElementEventMap {
    'netpad-editor-load': CustomEvent<{ elements: number }>;
    'netpad-editor-change': CustomEvent<NetpadEditorChangeDetail>;
    'netpad-editor-select': CustomEvent<NetpadEditorSelectDetail>;
  }
}

export { NetpadEditor };
export default NetpadEditor;
