/**
 * A realistic demo organisation, generated deterministically (same seed, same
 * people): one company and sales centre, regions, areas, teams, and people
 * with zh-CN names, ranks on the SR…TE ladder, mentors and base salaries.
 * Pure data; server/seed/seed.ts writes it.
 */
import type { EmploymentType, OrgUnitKind, PersonStatus, Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { mulberry32 as rng } from '../../schema/random.ts';

export interface DemoUnit {
  key: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentKey: string | null;
  managerKey: string | null;
}

export interface DemoPerson {
  key: string;
  employeeNo: string;
  name: string;
  phone: string;
  email: string;
  position: Position;
  rank: Rank | null;
  hireDate: string;
  leaveDate: string | null;
  status: PersonStatus;
  employmentType: EmploymentType;
  baseSalaryFen: bigint;
  mentorKey: string | null;
  /** The unit whose roster they are on; null for the general manager, who heads the company without a place on a sales unit's roster. */
  unitKey: string | null;
}

export interface DemoOrg {
  units: DemoUnit[];
  people: DemoPerson[];
  /** Keys of the people the demo users sign in as. */
  users: { director: string; manager: string; rep: string; finance: string; financeManager: string; generalManager: string };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玲婷雪梅鹏飞志宏海燕红波宇浩然欣怡子轩晨阳思远佳琪梓涵一鸣俊杰雨桐嘉怡';
const REGION_NAMES = ['华东', '华南', '华北', '华中', '西南', '西北', '东北'];
const CITY_NAMES = ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '广州', '深圳', '东莞', '佛山', '厦门', '福州', '北京', '天津', '济南', '青岛', '郑州', '武汉', '长沙', '成都', '重庆', '昆明', '西安', '兰州', '沈阳', '大连', '长春', '哈尔滨'];
const TEAM_WORDS = ['一组', '二组', '三组', '四组', '五组', '六组'];

export function generateDemoOrg(options: { people?: number; seed?: number } = {}): DemoOrg {
  const target = Math.max(20, options.people ?? 80);
  const random = rng(options.seed ?? 20260101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const units: DemoUnit[] = [];
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  let seq = 0;

  const name = () => {
    for (let tries = 0; ; tries++) {
      const n = pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.6 || tries > 20 ? pick([...GIVEN]) : '');
      if (!usedNames.has(n) || tries > 40) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const day = (fromYear: number, toYear: number) => `${int(fromYear, toYear)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const addPerson = (p: Omit<DemoPerson, 'key' | 'employeeNo' | 'phone' | 'email' | 'name' | 'status' | 'leaveDate' | 'employmentType'> & Partial<DemoPerson>) => {
    seq += 1;
    const employeeNo = `QB${String(seq).padStart(5, '0')}`;
    const person: DemoPerson = {
      key: employeeNo,
      employeeNo,
      name: p.name ?? name(),
      phone: `1${pick(['38', '39', '58', '86', '37'])}${String(int(0, 99999999)).padStart(8, '0')}`,
      email: `${employeeNo.toLowerCase()}@demo.quotabook.cn`,
      status: 'ACTIVE',
      leaveDate: null,
      employmentType: 'FULL_TIME',
      ...p,
    };
    people.push(person);
    return person;
  };

  // Shape: about 7-8 people a team, 2 teams an area, 2-3 areas a region.
  const teams = Math.max(2, Math.round(target / 8));
  const areas = Math.max(2, Math.round(teams / 2));
  const regions = Math.max(2, Math.round(areas / 2.5));

  units.push({ key: 'company', code: 'QH', name: '启航商贸有限公司', kind: 'COMPANY', parentKey: null, managerKey: null });
  units.push({ key: 'centre', code: 'QH-SC', name: '营销中心', kind: 'SALES_CENTRE', parentKey: 'company', managerKey: null });
  const director = addPerson({ position: 'SALES_DIRECTOR', rank: 'TE', hireDate: '2015-03-02', baseSalaryFen: 2_000_000n, mentorKey: null, unitKey: 'centre' });
  units[1]!.managerKey = director.key;
  const financeLead = addPerson({ position: 'FINANCE', rank: null, hireDate: '2017-07-03', baseSalaryFen: 900_000n, mentorKey: null, unitKey: 'centre' });
  const financeClerk = addPerson({ position: 'FINANCE', rank: null, hireDate: '2021-09-01', baseSalaryFen: 650_000n, mentorKey: null, unitKey: 'centre' });

  let managerUser = '';
  let repUser = '';
  let teamNo = 0;
  let areaNo = 0;
  for (let r = 0; r < regions; r++) {
    const regionKey = `region-${r + 1}`;
    const regionName = `${REGION_NAMES[r % REGION_NAMES.length]}${r >= REGION_NAMES.length ? Math.floor(r / REGION_NAMES.length) + 1 : ''}大区`;
    const regionMgr = addPerson({ position: 'REGIONAL_MANAGER', rank: 'SSD', hireDate: day(2016, 2019), baseSalaryFen: 1_200_000n, mentorKey: director.key, unitKey: regionKey });
    units.push({ key: regionKey, code: `R${String(r + 1).padStart(2, '0')}`, name: regionName, kind: 'REGION', parentKey: 'centre', managerKey: regionMgr.key });
    const areasHere = Math.ceil((areas - areaNo) / (regions - r));
    for (let a = 0; a < areasHere; a++, areaNo++) {
      const areaKey = `area-${areaNo + 1}`;
      const city = CITY_NAMES[areaNo % CITY_NAMES.length]! + (areaNo >= CITY_NAMES.length ? String(Math.floor(areaNo / CITY_NAMES.length) + 1) : '');
      const areaMgr = addPerson({ position: 'REGIONAL_MANAGER', rank: 'SD', hireDate: day(2017, 2021), baseSalaryFen: 900_000n, mentorKey: regionMgr.key, unitKey: areaKey });
      units.push({ key: areaKey, code: `A${String(areaNo + 1).padStart(3, '0')}`, name: `${city}片区`, kind: 'AREA', parentKey: regionKey, managerKey: areaMgr.key });
      if (!managerUser) managerUser = areaMgr.key;
      const teamsHere = Math.ceil((teams - teamNo) / (areas - areaNo));
      for (let tIdx = 0; tIdx < teamsHere; tIdx++, teamNo++) {
        const teamKey = `team-${teamNo + 1}`;
        const lead = addPerson({ position: 'ACCOUNT_MANAGER', rank: pick(['SM', 'SSM'] as const), hireDate: day(2018, 2023), baseSalaryFen: 600_000n, mentorKey: areaMgr.key, unitKey: teamKey });
        units.push({ key: teamKey, code: `T${String(teamNo + 1).padStart(4, '0')}`, name: `${city}${TEAM_WORDS[tIdx % TEAM_WORDS.length]}`, kind: 'TEAM', parentKey: areaKey, managerKey: lead.key });
        const remainingPeople = target - people.length;
        const remainingTeams = teams - teamNo;
        const reps = Math.max(3, Math.round(remainingPeople / remainingTeams) - 1);
        const teamReps: DemoPerson[] = [];
        for (let i = 0; i < reps; i++) {
          const rank = pick(['SR', 'SR', 'SR', 'SE', 'SE', 'SSE'] as const);
          const hire = day(2020, 2026);
          const senior = teamReps.find((x) => x.rank === 'SSE' || x.rank === 'SE');
          const rep = addPerson({
            position: 'SALES_REP',
            rank,
            hireDate: hire > '2026-10-31' ? '2026-10-12' : hire,
            baseSalaryFen: BigInt(int(30, 45)) * 10_000n,
            mentorKey: senior && random() < 0.5 ? senior.key : lead.key,
            unitKey: teamKey,
            employmentType: random() < 0.08 ? 'PART_TIME' : 'FULL_TIME',
            status: hire >= '2026-08-01' ? 'PROBATION' : 'ACTIVE',
          });
          teamReps.push(rep);
          if (!repUser && areaMgr.key === managerUser) repUser = rep.key;
        }
        // A leaver now and then, so rosters as of past dates differ from today's.
        if (teamNo % 4 === 3) {
          const leaver = teamReps[teamReps.length - 1]!;
          if (leaver.key !== repUser) {
            leaver.status = 'LEFT';
            leaver.leaveDate = '2026-06-30';
            if (leaver.hireDate > '2026-06-30') leaver.hireDate = '2025-04-01';
          }
        }
      }
    }
  }
  // The general manager heads the company (its manager: they approve the sales centre's plans, domain §3) and signs payroll
  // last. Made after everyone else, so that the others' names and numbers stay as they were; on no unit's roster (the
  // positions are the sales line's), so neither paid nor ranked here.
  const generalManager = addPerson({ position: 'SALES_DIRECTOR', rank: null, hireDate: '2012-02-01', baseSalaryFen: 3_000_000n, mentorKey: null, unitKey: null });
  units[0]!.managerKey = generalManager.key;
  // The senior finance person signs payroll first; the clerk runs it.
  return { units, people, users: { director: director.key, manager: managerUser, rep: repUser, finance: financeClerk.key, financeManager: financeLead.key, generalManager: generalManager.key } };
}
