/**
 * The pages that compose several features: home (teams and recent uploads), a team with its roster and uploads, the
 * upload form and an upload's status. Nothing depends on this package.
 */
package com.skillmirror.portal.pages;
