// The base URL switch in the top bar. Production (servers[0] of the spec, written into the page by the build)
// is always offered; when a server serves the site itself (http or https, another origin), that server's origin
// is offered beside it, so the examples on the page can be pasted and run against it. The choice rewrites the
// base URL in every example on the page and is remembered across pages.
(function () {
  var STORE = 'hokusai.baseUrl';
  var bar = document.querySelector('.baseurl');
  if (!bar) return;
  var production = bar.getAttribute('data-production');
  var local = /^https?:$/.test(window.location.protocol) && window.location.origin !== production ? window.location.origin : null;

  function remembered() {
    try { return window.localStorage.getItem(STORE); } catch (e) { return null; }
  }
  function remember(url) {
    try { window.localStorage.setItem(STORE, url); } catch (e) { /* file:// or private mode: not remembered */ }
  }

  // The URL the examples currently show, so switching twice rewrites from the right text.
  var shown = production;
  function rewrite(chosen) {
    // Text nodes only, outside Redoc's tree (the reference re-renders itself from the event below).
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement && n.parentElement.closest('#redoc, .baseurl') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) if (walker.currentNode.nodeValue.indexOf(shown) >= 0) nodes.push(walker.currentNode);
    nodes.forEach(function (n) { n.nodeValue = n.nodeValue.split(shown).join(chosen); });
    shown = chosen;
    window.HOKUSAI_BASE_URL = chosen;
    document.dispatchEvent(new CustomEvent('hokusai:baseurl', { detail: { production: production, chosen: chosen } }));
  }

  window.HOKUSAI_BASE_URL = production;
  if (!local) return; // only production: the static label stays as it is

  var select = document.createElement('select');
  select.className = 'baseurl-switch';
  select.setAttribute('aria-label', 'Base URL of the examples');
  [[production, 'Production · ' + production]].concat(local ? [[local, 'This server · ' + local]] : []).forEach(function (o) {
    var option = document.createElement('option');
    option.value = o[0];
    option.textContent = o[1];
    select.appendChild(option);
  });
  bar.querySelector('code').replaceWith(select);
  var initial = remembered();
  select.value = initial === local ? local : (initial === production ? production : local);
  select.addEventListener('change', function () {
    remember(select.value);
    rewrite(select.value);
  });
  if (select.value !== production) rewrite(select.value);
})();
