'use strict';
// The configurable tab's settings page: nothing to choose, so saving is always valid.
(async function configure() {
  const status = document.getElementById('config-status');
  try {
    await microsoftTeams.app.initialize();
    microsoftTeams.pages.config.registerOnSaveHandler((saveEvent) => {
      const base = window.location.origin;
      microsoftTeams.pages.config
        .setConfig({
          entityId: 'oversight',
          contentUrl: `${base}/tab?context=team`,
          websiteUrl: `${base}/tab?context=team`,
          suggestedDisplayName: 'Oversight',
        })
        .then(() => saveEvent.notifySuccess(), (err) => saveEvent.notifyFailure(String(err)));
    });
    microsoftTeams.pages.config.setValidityState(true);
  } catch {
    status.textContent = 'Open this page from Microsoft Teams to add the tab to a team.';
  }
})();
