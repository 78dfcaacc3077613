import type { CardAction, CardContext, CardLinks } from './types';

/** The personal tab's entity id in the manifest (`staticTabs[0].entityId`). */
export const TAB_ENTITY_ID = 'mywork';

/**
 * A Teams deep link that opens the My work tab at an application: Teams hands `subEntityId` to the
 * tab as `page.subPageId` in its context (teams-js `app.getContext()`), and the tab opens that page.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
export function tabDeepLink(links: CardLinks, applicationId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: applicationId }));
  const label = encodeURIComponent(applicationId);
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(links.teamsAppId)}/${TAB_ENTITY_ID}?label=${label}&context=${context}`;
}

/** "Open in Tautoko": an Action.OpenUrl to the tab at this application, when the app id is configured. */
export function openInTautoko(ctx: Pick<CardContext, 'app' | 'links'>): CardAction[] {
  if (!ctx.links) return [];
  return [{ type: 'Action.OpenUrl', title: 'Open in Tautoko', url: tabDeepLink(ctx.links, ctx.app._id) }];
}
