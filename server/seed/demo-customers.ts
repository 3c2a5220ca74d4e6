/**
 * The demo's customer files (客户档案, issue 11 §5): each active seller's
 * first few customers get a file (tiers mixed, one or two contacts, most
 * ownerships confirmed, some still proposed for the manager to confirm), and
 * the demo sales to those customers name them. A few recent sales name a
 * customer of another team instead: cross-territory sales (窜货) for the
 * manager's sheet on first start. Deterministic; filled in while the demo
 * sales stream past (server/seed/seed.ts), so nothing large is held.
 */
import type { DemoOrg, DemoPerson } from './demo-org.ts';
import type { DemoSale } from './demo-results.ts';
import { addDays, type IsoDay } from '../../schema/dates.ts';
import type { CustomerTier, CustomerType } from '../../schema/customers.ts';

export interface DemoCustomerFile {
  id: string;
  code: string;
  name: string;
  type: CustomerType;
  tier: CustomerTier;
  ownerKey: string;
  ownerUnitKey: string;
  confirmed: boolean;
  contacts: { name: string; title: string; phone: string; primary: boolean }[];
}

/** Files per seller, and how many recent sales of every fourth seller go to another team's customer. */
const FILES_PER_SELLER = 6;
const CROSS_PER_SELLER = 2;
const CROSS_WITHIN_DAYS = 40;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const TITLES = ['采购经理', '总经理', '店长', '财务主管', '老板'];
const HONORIFIC = ['经理', '先生', '女士', '总'];

const typeOf = (name: string): CustomerType => (/批发部|贸易公司/.test(name) ? 'DEALER' : 'ENTERPRISE');
const tierOf = (n: number): CustomerTier => (n === 0 ? 'CORE' : n <= 2 ? 'IMPORTANT' : 'GENERAL');

export class DemoCustomerBook {
  private readonly people: Map<string, DemoPerson>;
  /** Per seller: their customers' names → file. */
  private readonly bySeller = new Map<string, Map<string, DemoCustomerFile>>();
  private pendingFiles: DemoCustomerFile[] = [];
  private readonly recent: DemoCustomerFile[] = [];
  private sellers = 0;
  private crossOfSeller = 0;
  private lastSeller = '';
  readonly crossSaleIds: string[] = [];
  files = 0;

  constructor(
    org: DemoOrg,
    private readonly today: IsoDay,
    private readonly newId: () => string,
  ) {
    this.people = new Map(org.people.map((p) => [p.key, p]));
  }

  /** The file a sale names (creating it for one of the seller's first customers), or null; `saleId` is the sale's row id. */
  customerFor(sale: DemoSale, saleId: string): DemoCustomerFile | null {
    const p = this.people.get(sale.personKey);
    if (!p || p.leaveDate) return null;
    if (sale.personKey !== this.lastSeller) {
      this.lastSeller = sale.personKey;
      this.sellers++;
      this.crossOfSeller = 0;
    }
    // Every fourth seller's last sales: to a customer of another team.
    if (this.sellers % 4 === 1 && this.crossOfSeller < CROSS_PER_SELLER && sale.date > addDays(this.today, -CROSS_WITHIN_DAYS)) {
      const foreign = [...this.recent].reverse().find((f) => f.ownerUnitKey !== sale.unitKey);
      if (foreign) {
        this.crossOfSeller++;
        this.crossSaleIds.push(saleId);
        return foreign;
      }
    }
    let book = this.bySeller.get(p.key);
    if (!book) this.bySeller.set(p.key, (book = new Map()));
    const known = book.get(sale.customer);
    if (known || book.size >= FILES_PER_SELLER) return known ?? null;
    const n = book.size;
    const seq = this.files++;
    const surname = SURNAMES[seq % SURNAMES.length]!;
    const file: DemoCustomerFile = {
      id: this.newId(),
      code: `KH-${p.employeeNo}-${String(n + 1).padStart(2, '0')}`,
      name: sale.customer,
      type: typeOf(sale.customer),
      tier: tierOf(n),
      ownerKey: p.key,
      ownerUnitKey: sale.unitKey,
      // The newest file of every third seller still waits for the manager's confirmation.
      confirmed: !(n === FILES_PER_SELLER - 1 || (n === 1 && seq % 3 === 0)),
      contacts: [
        { name: `${surname}${HONORIFIC[seq % HONORIFIC.length]}`, title: TITLES[seq % TITLES.length]!, phone: `13${String(100000000 + ((seq * 7919) % 900000000)).padStart(9, '0')}`, primary: true },
        ...(n < 3 ? [{ name: `${SURNAMES[(seq + 7) % SURNAMES.length]}会计`, title: '财务', phone: `0571-${String(80000000 + seq * 37).slice(0, 8)}`, primary: false }] : []),
      ],
    };
    book.set(sale.customer, file);
    this.pendingFiles.push(file);
    this.recent.push(file);
    if (this.recent.length > 50) this.recent.shift();
    return file;
  }

  /** Files made since the last call, to be written before the sales that name them. */
  drain(): DemoCustomerFile[] {
    const out = this.pendingFiles;
    this.pendingFiles = [];
    return out;
  }
}
