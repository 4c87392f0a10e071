import { ServiceNowState } from '../../../simulators/servicenow';
import { TableQueryEngine } from '../../../simulators/servicenow/table-query';

function world() {
  const state = new ServiceNowState({ seed: 7 });
  const engine = new TableQueryEngine(state);
  const table = state.store.schema.get('cmdb_ci_hardware')!;
  const add = (cls: string, name: string, serial: string) =>
    state.store.insert(cls, { name, serial_number: serial, install_status: '1' }, 'admin').sys_id;
  return { state, engine, table, add };
}

describe('TableQueryEngine', () => {
  test('an equality on an indexed column is answered from the index, in scan order', () => {
    const { state, engine, table, add } = world();
    const first = add('cmdb_ci_computer', 'Léa’s MacBook Pro', 'C02AAA0001');
    add('cmdb_ci_server', 'db-01', 'SRV0001');
    const third = add('cmdb_ci_handheld_computing', 'Léa’s MacBook Pro', 'F2LAAA0003');
    // An update that takes the name away and gives it back keeps the record's place.
    state.store.update('cmdb_ci_computer', first, { name: 'spare' }, 'admin');
    state.store.update('cmdb_ci_computer', first, { name: 'Léa’s MacBook Pro' }, 'admin');
    const scan = jest.spyOn(state.store, 'scan');

    const named = engine.run(table, 'name=Léa’s MacBook Pro^install_status=1');
    expect(named.records.map((r) => r.sys_id)).toEqual([first, third]);
    const none = engine.run(table, 'serial_number=NOPE^install_status=1');
    expect(none.records).toEqual([]);
    const listed = engine.run(table, `sys_idIN${third},${first},0123^install_status=1`);
    expect(listed.records.map((r) => r.sys_id)).toEqual([first, third]);
    expect(scan).not.toHaveBeenCalled();

    // An OR, an empty value or a column without index still scans, with the same answers.
    const either = engine.run(table, 'serial_number=SRV0001^ORname=spare');
    expect(either.records.map((r) => r.name)).toEqual(['db-01']);
    expect(engine.run(table, 'install_status=1').records).toHaveLength(3);
    expect(scan).toHaveBeenCalledTimes(2);
  });
});
