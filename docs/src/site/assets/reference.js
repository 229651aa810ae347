// Renders the embedded contract with Redoc. The spec is a script global, not a URL, so nothing is fetched
// and the page works from file:// as well as from the server's /docs/.
(function () {
  var css = getComputedStyle(document.documentElement);
  var topbar = parseInt(css.getPropertyValue('--topbar-height'), 10) || 56;
  Redoc.init(window.HOKUSAI_SPEC, {
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
  }, document.getElementById('redoc'));
})();
