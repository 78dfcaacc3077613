import { ConfigurationBotFrameworkAuthentication, StatusCodes } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { AuthenticateRequestResult } from 'botframework-connector';

/** Errors the token library raises for a bad signature, a token used too early or too late, or junk. */
const TOKEN_LIBRARY_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder's authentication, with one correction: a token the JWT library rejects outright (forged
 * signature, `alg: none`, not yet valid) is a 401 like every other refused token, not a 500. Either
 * way no turn runs; the status tells the caller (and the monitoring) what happened.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof Error && TOKEN_LIBRARY_ERRORS.has(e.name)) {
        throw new AuthenticationError('The bearer token was refused.', StatusCodes.UNAUTHORIZED);
      }
      throw e;
    }
  }
}
