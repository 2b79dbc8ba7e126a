// What the bench pages load their variant's scripts with: a promise for one script (a module
// when asked), rejected with the address when it cannot be loaded.
window.__loadScript = function (src, module) {
  return new Promise(function (resolve, reject) {
    var s = document.createElement('script');
    if (module) s.type = 'module';
    s.src = src;
    s.onload = resolve;
    s.onerror = function () { reject(new Error('could not load ' + src)); };
    document.head.appendChild(s);
  });
};
