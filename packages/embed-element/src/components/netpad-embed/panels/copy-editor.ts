/** The editing bar over a figure the reader may edit or save as their own copy, and its save. A lazy chunk. */
import { html, nothing, type TemplateResult } from 'lit';
import type { FigureDocument } from '@netpad/figure';
import { pickText } from '@netpad/figure/localize';
import { errorNamed } from '../../../internal/errors';
import { strings, type Strings } from '../../../internal/i18n';
import type { CopyEditorController } from '../../../controllers/copy-editor';

export function toggleEditor(editor: CopyEditorController): void {
  const doc = editor.context.doc();
  const editing = !editor.editing;
  const locale = editor.port.locale();
  const titleDraft = editing && !editor.titleDraft && doc ? strings(locale).copyOf(pickText(doc.title, locale)) : editor.titleDraft;
  editor.set({ editing, message: undefined, titleDraft });
}

async function save(editor: CopyEditorController, t: Strings): Promise<void> {
  const connection = editor.context.connection();
  const doc = editor.context.doc();
  const handle = editor.context.handle();
  if (!connection || !doc || !handle) return;
  // The edits live in the board until a save succeeds: a failure loses nothing.
  const edited: FigureDocument = { ...doc, title: editor.titleDraft.trim() || doc.title, state: handle.getState() };
  editor.set({ saving: true, message: undefined });
  try {
    let copy = editor.copy;
    if (!copy) {
      const made = await connection.client.space.saveAs(editor.host.resource);
      editor.copy = copy = { id: made.id, etag: made.etag };
    }
    const saved = await connection.client.space.update(copy.id, edited, copy.etag);
    copy.etag = saved.etag;
    editor.set({ message: { ok: true, text: t.saved } });
  } catch (err) {
    const why = errorNamed(err, 'ConflictError')
      ? t.saveConflict
      : errorNamed(err, 'NetworkError')
        ? t.saveOffline
        : errorNamed(err, 'SignInRequiredError')
          ? t.saveSignIn
          : errorNamed(err, 'InsufficientEntitlementError') || errorNamed(err, 'ForbiddenError')
            ? t.saveNotAllowed
            : err instanceof Error
              ? err.message
              : String(err);
    editor.set({ message: { ok: false, text: t.saveFailed(why) } });
  } finally {
    editor.set({ saving: false });
  }
}

export function renderEditor(editor: CopyEditorController, t: Strings): TemplateResult {
  const canSave = (editor.context.entitlement()?.actions ?? []).includes('save_as') && (editor.context.connection()?.session?.signedIn ?? false);
  return html`<div part="editor" class="editor">
    <label for="copy-title">${t.saveTitleLabel}</label>
    <input id="copy-title" maxlength="200" .value=${editor.titleDraft} @input=${(e: Event) => (editor.titleDraft = (e.target as HTMLInputElement).value)} />
    ${canSave ? html`<button class="primary" ?disabled=${editor.saving} @click=${() => void save(editor, t)}>${editor.saving ? t.saving : t.save}</button>` : nothing}
    <button class="retry" @click=${() => toggleEditor(editor)}>${t.doneEditing}</button>
    ${editor.message ? html`<p role="status" class=${editor.message.ok ? 'note' : 'problem'}>${editor.message.text}</p>` : nothing}
  </div>`;
}
