/** Viewer: the signed-in user, and signing in and out. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { RoleEnum } from './enums.ts';
import { PersonRef } from './Person.ts';
import { ServedUnitRef } from './User.ts';
import type { Viewer } from '../../auth/sessions.ts';
import { resolveSession, revokeSession, signIn } from '../../auth/sessions.ts';
import { findPerson } from '../../roster/roster-query.ts';
import { dayToDate } from '../../../schema/dates.ts';
import { clientError } from '../../errors.ts';

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  fields: (t) => ({
    id: t.exposeID('userId'),
    username: t.exposeString('username'),
    roles: t.field({ type: [RoleEnum], resolve: (v) => v.roles }),
    servedUnits: t.field({
      type: [ServedUnitRef],
      description: 'For finance: the units they serve (brief §8); empty when they serve every unit.',
      resolve: async (v, _a, ctx) =>
        v.roles.includes('FINANCE') && v.servedUnitIds?.length
          ? ctx.prisma.orgUnit.findMany({ where: { id: { in: v.servedUnitIds } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } })
          : [],
    }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (v, _a, ctx) => (v.personId ? findPerson(ctx, v.personId, dayToDate(ctx.clock.today())) : null),
    }),
  }),
});

const LoginResult = builder
  .objectRef<{ token: string; expiresAt: Date; viewer: Viewer }>('LoginResult')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Send as "Authorization: Bearer <token>".' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      viewer: t.field({ type: ViewerRef, resolve: (r) => r.viewer }),
    }),
  });

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => ctx.viewer!,
  }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginResult,
    authScopes: { public: true },
    args: {
      username: t.arg.string({ validate: z.string().trim().min(1, 'Username is required').max(64) }),
      password: t.arg.string({ validate: z.string().min(1, 'Password is required').max(256) }),
    },
    resolve: async (_root, args, ctx) => {
      const username = args.username.trim().toLowerCase();
      const address = ctx.clientAddress ?? 'unknown';
      const { waitMs, reason } = await ctx.loginThrottle.check(username, address);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        const message =
          reason === 'SIGN_IN_RATE_LIMITED'
            ? `Too many sign-in attempts on this server; try again in ${seconds} second(s)`
            : `Too many wrong passwords; try again in ${seconds} second(s)`;
        throw clientError('UNAUTHENTICATED', message, { reason: reason ?? 'SIGN_IN_DELAYED', retryAfterSeconds: seconds, params: { seconds } });
      }
      let session: Awaited<ReturnType<typeof signIn>>;
      try {
        session = await signIn(ctx.prisma, args.username.trim(), args.password, ctx.config.tokenTtlHours);
        if (session) await ctx.loginThrottle.succeeded(username, address);
        else await ctx.loginThrottle.failed(username, address);
      } catch (error) {
        // Neither outcome was recorded: the attempt must not stay "in flight" and hold the next ones back.
        await ctx.loginThrottle.abandoned(username, address).catch(() => undefined);
        throw error;
      }
      if (!session) throw clientError('UNAUTHENTICATED', 'Wrong username or password', { reason: 'WRONG_PASSWORD' });
      const resolved = await resolveSession(ctx.prisma, `Bearer ${session.token}`);
      if (!('viewer' in resolved)) throw clientError('UNAUTHENTICATED', 'Wrong username or password', { reason: 'WRONG_PASSWORD' });
      // The rest of this request acts as the new user (e.g. LoginResult.viewer.person).
      ctx.viewer = resolved.viewer;
      ctx.memo.clear();
      return { token: session.token, expiresAt: session.expiresAt, viewer: resolved.viewer };
    },
  }),
  logout: t.boolean({
    description: 'Revokes the token this request was made with.',
    authScopes: { signedIn: true },
    resolve: async (_root, _args, ctx) => {
      await revokeSession(ctx.prisma, ctx.viewer!.sessionId);
      return true;
    },
  }),
}));
