// The end of a sign-in run by a custom navigator (as the PowerPoint add-in runs it in an Office
// dialog, which would call Office.context.ui.messageParent): hand the URL, with its code, to
// the page that opened this window, on this origin only.
if (window.opener) {
  window.opener.postMessage({ type: 'netpad-dialog-result', url: location.href }, location.origin);
}
