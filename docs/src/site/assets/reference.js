// Renders the embedded contract with Redoc. The spec is a script global, not a URL, so nothing is fetched
// and the page works from file:// as well as from the server's /docs/.
(function () {
  var css = getComputedStyle(document.documentElement);
  var topbar = parseInt(css.getPropertyValue('--topbar-height'), 10) || 56;
  // The request samples and the server shown follow the base URL switch (baseurl.js); production is what the
  // embedded spec says, so with production chosen the spec is rendered as is.
  function specFor(chosen) {
    var production = (window.HOKUSAI_SPEC.servers || [{}])[0].url;
    if (!chosen || !production || chosen === production) return window.HOKUSAI_SPEC;
    var copy = JSON.parse(JSON.stringify(window.HOKUSAI_SPEC).split(production).join(chosen));
    copy.servers = [{ url: chosen, description: 'The server this page is served by' }].concat(window.HOKUSAI_SPEC.servers);
    return copy;
  }
  var options = {
    scrollYOffset: topbar,
    hideDownloadButton: false,
    requiredPropsFirst: true,
    expandResponses: '200',
    jsonSampleExpandLevel: 3,
    pathInMiddlePanel: true,
    theme: {
      colors: { primary: { main: '#1d4ed8' }, text: { primary: '#0f172a' } },
      typography: {
        fontFamily: css.getPropertyValue('--font-sans'),
        fontSize: '15px',
        headings: { fontFamily: css.getPropertyValue('--font-sans'), fontWeight: '650' },
        code: { fontFamily: css.getPropertyValue('--font-mono'), fontSize: '13px' }
      },
      sidebar: { backgroundColor: '#f8fafc', width: '270px' },
      rightPanel: { backgroundColor: '#0f172a', width: '40%' }
    }
  };
  function render(chosen) {
    Redoc.init(specFor(chosen), options, document.getElementById('redoc'));
  }
  render(window.HOKUSAI_BASE_URL);
  document.addEventListener('hokusai:baseurl', function (e) { render(e.detail.chosen); });
})();
