import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { createOfficeHost, DialogOpenError, outsideOffice, type OfficeApi } from '../src/host/office.ts';

type Callback<T> = (result: { status: string; value: T; error?: { code: number; message: string } }) => void;

/** Office.js as a content add-in in PowerPoint sees it, faked with office-addin-mock. */
async function mockOffice(options: { view?: string; saveFails?: boolean; dialogError?: number; dialogOrigin?: boolean } = {}) {
  const state = {
    saved: undefined as Record<string, unknown> | undefined,
    handlers: new Map<unknown, (event: { activeView?: string }) => void>(),
    dialogHandlers: new Map<unknown, (arg: { message?: string; origin?: string; error?: number }) => void>(),
    dialogUrl: '',
    dialogOptions: undefined as unknown,
    dialogClosed: false,
    parentMessages: [] as unknown[][],
  };
  const values: Record<string, unknown> = {};
  const mock = new OfficeMockObject({
    context: {
      displayLanguage: 'zh-CN',
      document: {
        settings: {
          get: (name: string) => (name in values ? values[name] : null),
          set: (name: string, value: unknown) => {
            values[name] = value;
          },
          remove: (name: string) => {
            delete values[name];
          },
          saveAsync: (callback: Callback<void>) => {
            if (options.saveFails) return callback({ status: 'failed', value: undefined, error: { code: 5001, message: 'An internal error' } });
            state.saved = JSON.parse(JSON.stringify(values)) as Record<string, unknown>;
            callback({ status: 'succeeded', value: undefined });
          },
        },
        getActiveViewAsync: (callback: Callback<string>) => callback({ status: 'succeeded', value: options.view ?? 'edit' }),
        addHandlerAsync: (type: unknown, handler: (event: { activeView?: string }) => void) => {
          state.handlers.set(type, handler);
        },
        removeHandlerAsync: (type: unknown) => {
          state.handlers.delete(type);
        },
      },
      ui: {
        displayDialogAsync: (url: string, dialogOptions: unknown, callback: Callback<unknown>) => {
          state.dialogUrl = url;
          state.dialogOptions = dialogOptions;
          if (options.dialogError) return callback({ status: 'failed', value: undefined, error: { code: options.dialogError, message: 'The user chose to ignore the dialog box.' } });
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: unknown, handler: (arg: { message?: string; origin?: string; error?: number }) => void) => state.dialogHandlers.set(type, handler),
              close: () => {
                state.dialogClosed = true;
              },
            },
          });
        },
        messageParent: (...args: unknown[]) => {
          state.parentMessages.push(args);
        },
      },
      requirements: { isSetSupported: (name: string) => name === 'DialogOrigin' && options.dialogOrigin !== false },
    },
    EventType: { ActiveViewChanged: 'activeViewChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  });
  // office-addin-mock hands out scalars only after load(), as the application APIs do; the
  // common API has plain values, so load them all up front.
  mock.context.load('displayLanguage');
  mock.EventType.load(['ActiveViewChanged', 'DialogMessageReceived', 'DialogEventReceived']);
  mock.AsyncResultStatus.load(['Succeeded', 'Failed']);
  await mock.sync();
  return { office: mock as unknown as OfficeApi, state, values };
}

describe('OfficeHost over Office.js (office-addin-mock)', () => {
  it('keeps settings in memory until saveSettings writes them into the document', async () => {
    const { office, state } = await mockOffice();
    const host = createOfficeHost(office, { inOffice: true });
    assert.equal(host.inOffice, true);
    assert.equal(host.locale, 'zh-CN');
    assert.equal(host.getSetting('netpad.figure'), undefined);
    host.setSetting('netpad.figure', { id: 'hyperbola-rectangle', state: { k: 4 } });
    assert.deepEqual(host.getSetting('netpad.figure'), { id: 'hyperbola-rectangle', state: { k: 4 } });
    assert.equal(state.saved, undefined, 'nothing reaches the document before saveAsync');
    await host.saveSettings();
    assert.deepEqual(state.saved, { 'netpad.figure': { id: 'hyperbola-rectangle', state: { k: 4 } } });
    host.removeSetting('netpad.figure');
    await host.saveSettings();
    assert.deepEqual(state.saved, {});
  });

  it('rejects when saveAsync fails', async () => {
    const host = createOfficeHost((await mockOffice({ saveFails: true })).office, { inOffice: true });
    host.setSetting('x', 1);
    await assert.rejects(host.saveSettings(), /Saving the settings failed: An internal error/);
  });

  it('reports the active view and its changes (slide show = read)', async () => {
    const { office, state } = await mockOffice({ view: 'read' });
    const host = createOfficeHost(office, { inOffice: true });
    assert.equal(await host.getActiveView(), 'read');
    assert.equal(await createOfficeHost((await mockOffice({ view: 'edit' })).office, { inOffice: true }).getActiveView(), 'edit');
    const seen: string[] = [];
    const stop = host.onViewChange((view) => seen.push(view));
    state.handlers.get('activeViewChanged')!({ activeView: 'edit' });
    state.handlers.get('activeViewChanged')!({ activeView: 'read' });
    assert.deepEqual(seen, ['edit', 'read']);
    stop();
    assert.equal(state.handlers.size, 0);
  });

  it('opens a dialog and passes on its messages with their origin, and its closing', async () => {
    const { office, state } = await mockOffice();
    const host = createOfficeHost(office, { inOffice: true });
    const messages: unknown[] = [];
    const closed: number[] = [];
    const dialog = await host.displayDialog('https://localhost:3000/dialog/start.html?to=x', { widthPercent: 40, heightPercent: 70 }, {
      onMessage: (m) => messages.push(m),
      onClosed: (code) => closed.push(code),
    });
    assert.equal(state.dialogUrl, 'https://localhost:3000/dialog/start.html?to=x');
    assert.deepEqual(state.dialogOptions, { width: 40, height: 70 }, 'Office’s own allow-the-window prompt (promptBeforeOpen) is kept');
    state.dialogHandlers.get('dialogMessageReceived')!({ message: '{"a":1}', origin: 'https://localhost:3000' });
    state.dialogHandlers.get('dialogEventReceived')!({ error: 12006 });
    assert.deepEqual(messages, [{ message: '{"a":1}', origin: 'https://localhost:3000' }]);
    assert.deepEqual(closed, [12006]);
    dialog.close();
    assert.equal(state.dialogClosed, true);
  });

  it('rejects with the Office error code when the dialog cannot open', async () => {
    const host = createOfficeHost((await mockOffice({ dialogError: 12009 })).office, { inOffice: true });
    const err = await host.displayDialog('https://localhost:3000/dialog/start.html', { widthPercent: 40, heightPercent: 70 }, { onMessage() {}, onClosed() {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof DialogOpenError);
    assert.equal(err.code, 12009);
  });

  it('messageParent names the target origin where Office supports it (DialogOrigin 1.1)', async () => {
    const { office, state } = await mockOffice();
    createOfficeHost(office, { inOffice: true }).messageParent('hello', 'https://localhost:3000');
    assert.deepEqual(state.parentMessages, [['hello', { targetOrigin: 'https://localhost:3000' }]]);
    const old = await mockOffice({ dialogOrigin: false });
    createOfficeHost(old.office, { inOffice: true }).messageParent('hello', 'https://localhost:3000');
    assert.deepEqual(old.state.parentMessages, [['hello']]);
  });

  it('outside Office: no settings, no dialogs, and says so', async () => {
    const host = outsideOffice('en');
    assert.equal(host.inOffice, false);
    assert.equal(host.getSetting('netpad.figure'), undefined);
    await assert.rejects(host.saveSettings(), /runs in PowerPoint/);
    await assert.rejects(host.displayDialog('x', { widthPercent: 1, heightPercent: 1 }, { onMessage() {}, onClosed() {} }), DialogOpenError);
  });
});
