import {
  appealInstance,
  conclusionForm,
  evaluatingAuthority,
  finalRecipient,
  finalTransmission,
  type AuthorityRoles,
} from './routing';

const roles: AuthorityRoles = {
  civilService: 'ADSC',
  informatization: 'MDAI',
  presidentialAdministration: 'PA',
  primeMinisterOffice: 'PMO',
};

describe(evaluatingAuthority.name, () => {
  it('p.91 the Presidential Administration evaluates the civil-service authority on personnel', () => {
    expect(evaluatingAuthority('personnel', 'ADSC', roles)).toBe('PA');
  });
  it('p.93 the Office of the Prime Minister evaluates the informatization authority on IT', () => {
    expect(evaluatingAuthority('it', 'MDAI', roles)).toBe('PMO');
  });
  it('p.95 the civil-service authority evaluates other bodies on personnel, the informatization authority included', () => {
    expect(evaluatingAuthority('personnel', 'MINFIN', roles)).toBe('ADSC');
    expect(evaluatingAuthority('personnel', 'MDAI', roles)).toBe('ADSC');
  });
  it('p.97 the informatization authority evaluates other bodies on IT, the civil-service authority included', () => {
    expect(evaluatingAuthority('it', 'MINFIN', roles)).toBe('MDAI');
    expect(evaluatingAuthority('it', 'ADSC', roles)).toBe('MDAI');
  });
});

describe(finalRecipient.name, () => {
  it('p.92 the conclusion on the civil-service authority goes to the informatization authority', () => {
    expect(finalRecipient('personnel', roles)).toBe('MDAI');
  });
  it('p.94 the conclusion on the informatization authority goes to the informatization authority', () => {
    expect(finalRecipient('it', roles)).toBe('MDAI');
  });
  it('p.96 personnel conclusions on evaluated bodies go to the informatization authority', () => {
    expect(finalRecipient('personnel', roles)).toBe(roles.informatization);
  });
});

describe(finalTransmission.name, () => {
  it('p.92 the PA’s conclusion on the civil-service authority is transmitted under p.92', () => {
    expect(finalTransmission('personnel', 'ADSC', roles)).toEqual({ to: 'MDAI', law: 'p.92' });
  });
  it('p.94 the Office of the Prime Minister’s conclusion on the informatization authority is transmitted under p.94', () => {
    expect(finalTransmission('it', 'MDAI', roles)).toEqual({ to: 'MDAI', law: 'p.94' });
  });
  it('p.96 the civil-service authority’s personnel conclusions are transmitted under p.96', () => {
    expect(finalTransmission('personnel', 'MINFIN', roles)).toEqual({ to: 'MDAI', law: 'p.96' });
  });
  it('p.97 the informatization authority’s own IT conclusions are recorded in its register', () => {
    expect(finalTransmission('it', 'MINFIN', roles)).toEqual({ to: 'MDAI', law: 'p.97' });
  });
});

describe(appealInstance.name, () => {
  it('p.108 every body appeals to the Presidential Administration', () => {
    expect(appealInstance('personnel', 'MINFIN', roles)).toBe('PA');
    expect(appealInstance('it', 'MINFIN', roles)).toBe('PA');
  });
  it('p.93 the informatization authority, evaluated by the Office of the Prime Minister, appeals to the PA too', () => {
    expect(appealInstance('it', 'MDAI', roles)).toBe('PA');
  });
  it('p.91 the civil-service authority, evaluated by the PA itself, has no appeal to the PA against the PA', () => {
    expect(appealInstance('personnel', 'ADSC', roles)).toBeNull();
  });
});

describe(conclusionForm.name, () => {
  it('p.91/p.95 personnel uses appendix 12; p.93/p.97 IT uses appendix 15', () => {
    expect(conclusionForm('personnel')).toBe('appendix-12');
    expect(conclusionForm('it')).toBe('appendix-15');
  });
});
