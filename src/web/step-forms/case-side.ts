import type { CaseForm, OpeningForm } from '../command-forms';
import { dispatch } from '../../cases/commands/dispatch.command';
import { noObjection } from '../../cases/commands/no-objection.command';
import { withdrawal } from '../../cases/commands/withdrawal.command';
import type { NoteDto } from '../../cases/dto/case-commands.dto';

/** A note typed into a form: absent when left blank. */
const note = (text: string) => (text ? { note: text } : {});

/** p.99: the body notifies that it has no objection (a button with a confirmation and an optional note). */
const noObjectionForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'no-objection',
  command: noObjection,
  view: 'form-note',
  title: 'commandForms.noObjection.title',
  submit: 'commandForms.noObjection.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({ explanation: words.t('commandForms.noObjection.explanation'), noteLabel: words.t('commandForms.noteOptional') }),
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.objection) }),
};

/** Our addition (SPEC §4): the body withdraws its objection until the commission decides. */
const withdrawalForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'withdrawal',
  command: withdrawal,
  view: 'form-note',
  title: 'commandForms.withdrawal.title',
  submit: 'commandForms.withdrawal.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({ explanation: words.t('commandForms.withdrawal.explanation'), noteLabel: words.t('commandForms.noteOptional'), danger: true }),
};

/** p.106: the authority sends the results to the working body and the evaluated body. */
const dispatchForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'dispatch',
  command: dispatch,
  view: 'form-note',
  title: 'commandForms.dispatch.title',
  submit: 'commandForms.dispatch.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({ explanation: words.t('commandForms.dispatch.explanation'), noteLabel: words.t('commandForms.noteOptional') }),
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.result) }),
};

export const CASE_SIDE_FORMS = [noObjectionForm, withdrawalForm, dispatchForm] as CaseForm[];
export const OPENING_SIDE_FORMS: OpeningForm[] = [];
