/** AuditEvent: one recorded change (who, when, what, before, after). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { AUDITED_ENTITIES, auditTrail } from '../../audit.ts';

builder.prismaObject('AuditEvent', {
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actorName: t.exposeString('actorName'),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeID('entityId'),
    action: t.exposeString('action'),
    before: t.exposeString('before', { nullable: true, description: 'JSON' }),
    after: t.exposeString('after', { nullable: true, description: 'JSON' }),
  }),
});

builder.queryFields((t) => ({
  auditTrail: t.prismaField({
    type: ['AuditEvent'],
    description: 'The recorded changes of one entity, newest first: any kind for admins, directors and the general manager; pay and what feeds it (payroll runs, compensation plans and assignments, adjustments, attendance and sales imports, the working calendar) for finance; finance who serve named units read a sales import whose every row is of a unit they serve.',
    authScopes: { admin: true, director: true, generalManager: true, finance: true, financeManager: true },
    args: {
      entityType: t.arg.string({ validate: z.enum(AUDITED_ENTITIES) }),
      entityId: t.arg.id({ validate: z.string().min(1).max(64) }),
      first: t.arg.int({ required: false, defaultValue: 100, validate: z.number().int().min(1).max(1000) }),
    },
    resolve: (query, _root, args, ctx) => auditTrail(ctx, query, args.entityType, String(args.entityId), args.first ?? 100),
  }),
}));
