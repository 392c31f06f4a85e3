import type { Directory } from '../directory/types';
import { staffOf } from '../directory/queries';
import type { Procedure } from '../policy/procedure';
import { KIND_SHORT_TITLES } from '../requests/views';
import type { OversightRepository, RequestScope } from '../store/oversight';
import { clausesChart, decisionTimeChart, questionsChart, requestsPerWeekChart, type Chart } from './charts';
import { citedClauses, decisionTimes, questionsPerWeek, requestsPerWeek, type RequestFact } from './stats';
import { instantRange, weeksBetween } from './time';

/**
 * The four charts for one viewer and date range. A principal's charts cover
 * their school: its requests, and the questions its staff asked; Communications'
 * cover the district.
 */
export interface ChartRange {
  from: string;
  to: string;
  /** Narrow to one school or department (within what the viewer may see). */
  unitId?: string;
}

export async function chartsFor(
  deps: { repo: OversightRepository; directory: Directory; procedure: Procedure },
  scope: RequestScope,
  range: ChartRange,
): Promise<Chart[]> {
  const { repo, directory, procedure } = deps;
  const { since, until } = instantRange(range.from, range.to);
  const weeks = weeksBetween(range.from, range.to);
  const rows = await repo.requestFacts(scope, { since, until, ...(range.unitId ? { unitId: range.unitId } : {}) });
  const unitName = (unit: (typeof rows)[number]['unit']): string =>
    unit ? ((unit.type === 'school' ? directory.school(unit.id)?.name : directory.department(unit.id)?.name) ?? unit.id) : 'The whole district';
  const facts: RequestFact[] = rows.map((r) => ({
    kind: r.kind,
    state: r.state,
    unitLabel: unitName(r.unit),
    createdAt: r.createdAt,
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
  }));

  let questions = await repo.questionFacts(since, until);
  const units = range.unitId ? [range.unitId] : scope.all ? undefined : [...scope.schoolIds, ...scope.departmentIds];
  if (units) {
    // Questions carry no school: count those asked by the unit's staff.
    const askers = new Set(units.flatMap((id) => staffOf(directory, directory.school(id) ? { type: 'school', id } : { type: 'department', id })));
    questions = questions.filter((q) => askers.has(q.askerId.toLowerCase()));
  }
  const heading = (clause: string) => procedure.byId.get(clause)?.heading ?? '';
  return [
    requestsPerWeekChart(requestsPerWeek(facts, weeks), KIND_SHORT_TITLES),
    decisionTimeChart(decisionTimes(facts)),
    questionsChart(questionsPerWeek(questions, weeks)),
    clausesChart(citedClauses(questions, facts), heading),
  ];
}
