/*
 * The read-only web interface of the appeals engine (Kazakh / Russian / English).
 * Vanilla JS, no build step, no external assets. Every datum comes from /api/v1 with the user's own
 * bearer token (kept in sessionStorage); every value reaches the DOM as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var API = '/api/v1';
  var LANGS = ['kk', 'ru', 'en'];
  var LOCALES = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

  var T = {
    kk: {
      appTitle: 'Шағымдану қозғалтқышы',
      subtitle: 'Мемлекеттік органдардың бағалау нәтижелеріне шағымдану',
      signInTitle: 'Кіру',
      tokenLabel: 'Қол жеткізу токені (Bearer)',
      tokenHint: 'Токен осы браузер қойындысында ғана сақталады және қойынды жабылғанда өшіріледі.',
      signIn: 'Кіру',
      signOut: 'Шығу',
      signedInAs: 'Жүйеге кірген',
      role: 'Рөлі',
      cases: 'Істер',
      filters: 'Сүзгілер',
      state: 'Күйі',
      outcome: 'Нәтижесі',
      direction: 'Бағыты',
      body: 'Мемлекеттік орган',
      authority: 'Уәкілетті орган',
      cycle: 'Бағалау кезеңі',
      overdue: 'Мерзімі өткен',
      any: 'Барлығы',
      yes: 'Иә',
      no: 'Жоқ',
      apply: 'Көрсету',
      reload: 'Жаңарту',
      total: 'Барлығы',
      shown: 'көрсетілген',
      noCases: 'Іс табылмады.',
      loading: 'Жүктелуде…',
      back: '← Істер тізіміне',
      deadlines: 'Мерзімдер',
      deadline: 'Мерзім',
      due: 'Соңғы мерзімі',
      status: 'Күйі',
      answeredBy: 'Орындалды',
      law: 'Әдістеме тармағы',
      breaches: 'Мерзімнің бұзылуы',
      noBreaches: 'Мерзім бұзылған жоқ.',
      breachAt: 'Тіркелді',
      disputed: 'Даулы индикаторлар',
      indicator: 'Индикатор',
      claimedScore: 'Сұралған балл',
      argument: 'Дәлел',
      documents: 'Растайтын құжаттар',
      table: 'Келіспеушіліктер кестесі',
      noTable: 'Келіспеушіліктер кестесі әлі жасалмаған.',
      authorityScore: 'Уәкілетті органның балы',
      authorityPosition: 'Уәкілетті органның ұстанымы',
      decision: 'Комиссияның шешімі',
      vote: 'Дауыс беру',
      voteText: 'жақтады {for} · қарсы {against} · қалыс {abstained} · қатысқаны {present}/{members}',
      chairVote: 'төрағаның дауысы',
      revisedScore: 'Қайта қаралған балл',
      rationale: 'Негіздеме',
      signatures: 'Қолтаңбалар',
      chair: 'Комиссия төрағасы',
      agency: 'Мемлекеттік органның өкілі',
      signed: 'Қол қойды',
      refused: 'Қол қоюдан бас тартты',
      notSigned: 'Әлі қол қойылмаған',
      reason: 'Себебі',
      timeline: 'Уақыт желісі',
      events: 'Оқиғалар журналы',
      seq: '№',
      type: 'Оқиға',
      actor: 'Орындаушының рөлі',
      businessTime: 'Іс жүзіндегі уақыты',
      recordedTime: 'Тіркелген уақыты',
      hash: 'Хэш',
      onTime: 'мерзімінде',
      late: 'мерзімі өткен соң',
      download: 'Келіспеушіліктер кестесін жүктеу',
      openHtml: 'Кестені жаңа қойындыда ашу',
      tableLang: 'Кесте тілі',
      version: 'Нұсқа',
      conclusionVersion: 'Қорытынды нұсқасы',
      issuedAt: 'Қорытынды берілген',
      escalated: 'ҚР Президенті Әкімшілігіне шағым берілген',
      timeNote: 'Уақыт Алматы уақытымен (Asia/Almaty) көрсетілген.',
      error: 'Қате',
      networkError: 'Сервиске қосылу мүмкін болмады',
      popupBlocked: 'Браузер жаңа қойындыны ашуға рұқсат бермеді.',
      none: '—'
    },
    ru: {
      appTitle: 'Движок апелляций',
      subtitle: 'Обжалование результатов оценки государственных органов',
      signInTitle: 'Вход',
      tokenLabel: 'Токен доступа (Bearer)',
      tokenHint: 'Токен хранится только в этой вкладке браузера и удаляется при её закрытии.',
      signIn: 'Войти',
      signOut: 'Выйти',
      signedInAs: 'Вы вошли как',
      role: 'Роль',
      cases: 'Дела',
      filters: 'Фильтры',
      state: 'Состояние',
      outcome: 'Итог',
      direction: 'Направление',
      body: 'Государственный орган',
      authority: 'Уполномоченный орган',
      cycle: 'Период оценки',
      overdue: 'Просрочка',
      any: 'Все',
      yes: 'Да',
      no: 'Нет',
      apply: 'Показать',
      reload: 'Обновить',
      total: 'Всего',
      shown: 'показано',
      noCases: 'Дела не найдены.',
      loading: 'Загрузка…',
      back: '← К списку дел',
      deadlines: 'Сроки',
      deadline: 'Срок',
      due: 'Истекает',
      status: 'Статус',
      answeredBy: 'Исполнено',
      law: 'Пункт методики',
      breaches: 'Нарушения сроков',
      noBreaches: 'Сроки не нарушены.',
      breachAt: 'Зафиксировано',
      disputed: 'Оспариваемые индикаторы',
      indicator: 'Индикатор',
      claimedScore: 'Заявленный балл',
      argument: 'Обоснование',
      documents: 'Подтверждающие документы',
      table: 'Таблица разногласий',
      noTable: 'Таблица разногласий ещё не составлена.',
      authorityScore: 'Балл уполномоченного органа',
      authorityPosition: 'Позиция уполномоченного органа',
      decision: 'Решение комиссии',
      vote: 'Голосование',
      voteText: 'за {for} · против {against} · воздержались {abstained} · присутствовали {present}/{members}',
      chairVote: 'голос председателя',
      revisedScore: 'Пересмотренный балл',
      rationale: 'Обоснование решения',
      signatures: 'Подписи',
      chair: 'Председатель комиссии',
      agency: 'Представитель государственного органа',
      signed: 'Подписано',
      refused: 'Отказ от подписания',
      notSigned: 'Ещё не подписано',
      reason: 'Причина',
      timeline: 'Хронология',
      events: 'Журнал событий',
      seq: '№',
      type: 'Событие',
      actor: 'Роль исполнителя',
      businessTime: 'Время действия',
      recordedTime: 'Время записи',
      hash: 'Хэш',
      onTime: 'в срок',
      late: 'с опозданием',
      download: 'Скачать таблицу разногласий',
      openHtml: 'Открыть таблицу в новой вкладке',
      tableLang: 'Язык таблицы',
      version: 'Версия',
      conclusionVersion: 'Версия заключения',
      issuedAt: 'Заключение выдано',
      escalated: 'Подана жалоба в Администрацию Президента РК',
      timeNote: 'Время указано по Алматы (Asia/Almaty).',
      error: 'Ошибка',
      networkError: 'Не удалось связаться с сервисом',
      popupBlocked: 'Браузер не разрешил открыть новую вкладку.',
      none: '—'
    },
    en: {
      appTitle: 'Appeals engine',
      subtitle: 'Appeals against the evaluation results of state bodies',
      signInTitle: 'Sign in',
      tokenLabel: 'Access token (Bearer)',
      tokenHint: 'The token is kept only in this browser tab and is forgotten when the tab is closed.',
      signIn: 'Sign in',
      signOut: 'Sign out',
      signedInAs: 'Signed in as',
      role: 'Role',
      cases: 'Cases',
      filters: 'Filters',
      state: 'State',
      outcome: 'Outcome',
      direction: 'Direction',
      body: 'State body',
      authority: 'Authority',
      cycle: 'Evaluation cycle',
      overdue: 'Overdue',
      any: 'All',
      yes: 'Yes',
      no: 'No',
      apply: 'Show',
      reload: 'Reload',
      total: 'Total',
      shown: 'shown',
      noCases: 'No cases found.',
      loading: 'Loading…',
      back: '← Back to the cases',
      deadlines: 'Deadlines',
      deadline: 'Deadline',
      due: 'Due',
      status: 'Status',
      answeredBy: 'Answered',
      law: 'Methodology point',
      breaches: 'Overdue breaches',
      noBreaches: 'No deadline was breached.',
      breachAt: 'Recorded',
      disputed: 'Disputed indicators',
      indicator: 'Indicator',
      claimedScore: 'Claimed score',
      argument: 'Argument',
      documents: 'Supporting documents',
      table: 'Disagreement table',
      noTable: 'The disagreement table has not been drawn up yet.',
      authorityScore: "Authority's score",
      authorityPosition: "Authority's position",
      decision: "Commission's decision",
      vote: 'Vote',
      voteText: 'for {for} · against {against} · abstained {abstained} · present {present}/{members}',
      chairVote: "chair's vote",
      revisedScore: 'Revised score',
      rationale: 'Rationale',
      signatures: 'Signatures',
      chair: 'Chair of the commission',
      agency: "Body's representative",
      signed: 'Signed',
      refused: 'Refused to sign',
      notSigned: 'Not signed yet',
      reason: 'Reason',
      timeline: 'Timeline',
      events: 'Event log',
      seq: 'No.',
      type: 'Event',
      actor: "Actor's role",
      businessTime: 'Business time',
      recordedTime: 'Recorded time',
      hash: 'Hash',
      onTime: 'on time',
      late: 'late',
      download: 'Download the disagreement table',
      openHtml: 'Open the table in a new tab',
      tableLang: 'Table language',
      version: 'Version',
      conclusionVersion: 'Conclusion version',
      issuedAt: 'Conclusion issued',
      escalated: 'Escalated to the Presidential Administration',
      timeNote: 'Times are shown in Almaty time (Asia/Almaty).',
      error: 'Error',
      networkError: 'Could not reach the service',
      popupBlocked: 'The browser did not allow a new tab to open.',
      none: '—'
    }
  };

  /** Names of the domain's codes (SPEC §1, §4), per language. */
  var NAMES = {
    state: {
      issued: ['Қорытынды берілді', 'Заключение выдано', 'Conclusion issued'],
      objectionReceived: ['Қарсылық қабылданды', 'Возражение принято', 'Objection received'],
      tablePreparation: ['Кесте дайындалуда', 'Подготовка таблицы', 'Table in preparation'],
      commissionReview: ['Комиссияның қарауында', 'Рассмотрение комиссией', 'Commission review'],
      signing: ['Қол қою', 'Подписание', 'Signing'],
      dispatch: ['Нәтижелерді жіберу', 'Направление результатов', 'Dispatch of results'],
      correction: ['Қорытындыны түзету', 'Корректировка заключения', 'Correction'],
      escalationWindow: ['Шағым беру мерзімі', 'Срок обжалования в АП', 'Escalation window'],
      escalated: ['Президент Әкімшілігіне шағымданды', 'Обжаловано в Администрацию Президента', 'Escalated'],
      closed: ['Жабылды', 'Закрыто', 'Closed']
    },
    outcome: {
      noObjection: ['Қарсылық жоқ', 'Без возражений', 'No objection'],
      noResponse: ['Жауап берілмеді', 'Ответ не поступил', 'No response'],
      withdrawn: ['Қарсылық кері қайтарылды', 'Возражение отозвано', 'Objection withdrawn'],
      final: ['Түпкілікті', 'Окончательно', 'Final'],
      upheld: ['Күшінде қалдырылды', 'Оставлено в силе', 'Upheld'],
      revised: ['Қайта қаралды', 'Пересмотрено', 'Revised']
    },
    direction: {
      personnel: ['Персоналды басқару', 'Управление персоналом', 'Personnel management'],
      it: ['Ақпараттық технологияларды қолдану', 'Применение информационных технологий', 'Application of information technologies']
    },
    role: {
      administrator: ['Әкімші', 'Администратор', 'Administrator'],
      authorityOfficer: ['Уәкілетті органның қызметкері', 'Сотрудник уполномоченного органа', 'Authority officer'],
      commissionSecretary: ['Комиссия хатшысы', 'Секретарь комиссии', 'Commission secretary'],
      commissionChair: ['Комиссия төрағасы', 'Председатель комиссии', 'Commission chair'],
      agencyRepresentative: ['Мемлекеттік органның өкілі', 'Представитель госоргана', 'Agency representative'],
      workingBody: ['Комиссияның жұмыс органы', 'Рабочий орган Комиссии', 'Working body'],
      presidentialAdministration: ['Президент Әкімшілігі', 'Администрация Президента', 'Presidential Administration'],
      auditor: ['Аудитор', 'Аудитор', 'Auditor'],
      system: ['Жүйе', 'Система', 'System']
    },
    deadline: {
      objection: ['D1 · қарсылық беру', 'D1 · подача возражения', 'D1 · objection'],
      table: ['D2 · келіспеушіліктер кестесі', 'D2 · таблица разногласий', 'D2 · disagreement table'],
      result: ['D3 · қарау нәтижесі', 'D3 · результат рассмотрения', 'D3 · result'],
      escalation: ['D4 · Президент Әкімшілігіне шағым', 'D4 · обжалование в АП', 'D4 · escalation']
    },
    breach: {
      noObjectionNotice: ['Қарсылықтың жоқтығы туралы хабарлама берілмеді', 'Не направлено уведомление об отсутствии возражений', 'No no-objection notice'],
      table: ['Кесте мерзімінде жасалмады', 'Таблица не составлена в срок', 'Table not drawn up on time'],
      result: ['Нәтиже мерзімінде жіберілмеді', 'Результат не направлен в срок', 'Result not sent on time'],
      escalation: ['Шағым мерзімі өтті', 'Срок обжалования истёк', 'Escalation term passed']
    },
    status: {
      met: ['Орындалды', 'Соблюдён', 'Met'],
      late: ['Кешіктірілді', 'С опозданием', 'Late'],
      missed: ['Өткізіп алынды', 'Пропущен', 'Missed'],
      open: ['Ағымдағы', 'Идёт', 'Open'],
      moot: ['Қажет емес', 'Неактуален', 'Moot'],
      'not-set': ['Белгіленбеген', 'Не назначен', 'Not set']
    },
    decision: {
      agree: ['Келіседі', 'Согласиться', 'Agree'],
      disagree: ['Келіспейді', 'Не согласиться', 'Disagree']
    },
    ballot: {
      for: ['жақтады', 'за', 'for'],
      against: ['қарсы', 'против', 'against'],
      abstained: ['қалыс қалды', 'воздержался', 'abstained']
    },
    event: {
      'CASE.OPENED': ['Іс ашылды (қорытынды берілді)', 'Дело открыто (заключение выдано)', 'Case opened (conclusion issued)'],
      'OBJECTION.FILE': ['Қарсылық берілді', 'Подано возражение', 'Objection filed'],
      'OBJECTION.REGISTERED': ['Қарсылық тіркелді', 'Возражение зарегистрировано', 'Objection registered'],
      'OBJECTION.WITHDRAW': ['Қарсылық кері қайтарылды', 'Возражение отозвано', 'Objection withdrawn'],
      'NO_OBJECTION.FILE': ['Қарсылық жоқ деген хабарлама', 'Уведомление об отсутствии возражений', 'No-objection notice'],
      'TABLE.DRAFT': ['Кесте жобасы жасалды', 'Составлен проект таблицы', 'Table drafted'],
      'TABLE.SUBMIT': ['Кесте комиссияға ұсынылды', 'Таблица внесена в комиссию', 'Table submitted'],
      'ROW.DECIDE': ['Жол бойынша шешім', 'Решение по строке', 'Row decided'],
      'TABLE.SIGN': ['Кестеге қол қойылды', 'Подпись таблицы', 'Table signed'],
      'RESULTS.DISPATCH': ['Нәтижелер жіберілді', 'Результаты направлены', 'Results dispatched'],
      'CONCLUSION.CORRECT': ['Қорытынды түзетілді', 'Заключение скорректировано', 'Conclusion corrected'],
      'ESCALATION.FILE': ['Президент Әкімшілігіне шағым', 'Жалоба в Администрацию Президента', 'Escalation filed'],
      'ESCALATION.OUTCOME': ['Шағым бойынша нәтиже', 'Итог рассмотрения жалобы', 'Escalation outcome'],
      'DEADLINE.OBJECTION': ['D1 мерзімі өтті', 'Истёк срок D1', 'D1 passed'],
      'DEADLINE.TABLE': ['D2 мерзімі өтті', 'Истёк срок D2', 'D2 passed'],
      'DEADLINE.RESULT': ['D3 мерзімі өтті', 'Истёк срок D3', 'D3 passed'],
      'DEADLINE.ESCALATION': ['D4 мерзімі өтті', 'Истёк срок D4', 'D4 passed'],
      'DEADLINES.RECOMPUTED': ['Мерзімдер қайта есептелді', 'Сроки пересчитаны', 'Deadlines recomputed']
    }
  };
  var STATES = Object.keys(NAMES.state);

  var store = {
    get: function (area, key) {
      try { return window[area].getItem(key); } catch (e) { return null; }
    },
    set: function (area, key, value) {
      try {
        if (value === null) window[area].removeItem(key);
        else window[area].setItem(key, value);
      } catch (e) { /* storage disabled: the session still works until reload */ }
    }
  };

  var app = {
    lang: pickLang(store.get('localStorage', 'appeals.lang')),
    token: store.get('sessionStorage', 'appeals.token'),
    me: null,
    bodies: {},
    filters: { state: '', direction: '', overdue: '' },
    tableLang: null,
    seq: 0
  };

  function pickLang(value) {
    if (LANGS.indexOf(value) >= 0) return value;
    var nav = (navigator.language || '').toLowerCase();
    if (nav.indexOf('ru') === 0) return 'ru';
    if (nav.indexOf('en') === 0) return 'en';
    return 'kk';
  }

  function t(key) {
    var table = T[app.lang] || T.kk;
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
  }

  function name(kind, code) {
    if (code === null || code === undefined || code === '') return t('none');
    var entry = NAMES[kind] && NAMES[kind][code];
    return entry ? entry[LANGS.indexOf(app.lang)] : String(code);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) {
      return values[k] === undefined || values[k] === null ? '—' : String(values[k]);
    });
  }

  function formatTime(iso) {
    if (!iso) return t('none');
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    try {
      return new Intl.DateTimeFormat(LOCALES[app.lang], {
        timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
      }).format(d);
    } catch (e) {
      return d.toISOString();
    }
  }

  /** Builds an element; strings become text nodes (never HTML). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'onclick' || k === 'onchange' || k === 'onsubmit') el.addEventListener(k.slice(2), v);
        else if (k === 'text') el.textContent = String(v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function $(id) { return document.getElementById(id); }

  // ---- API -------------------------------------------------------------------------------------

  function ApiProblem(problem, status) {
    this.problem = problem || {};
    this.status = status;
  }

  function request(path) {
    var headers = { 'Accept-Language': app.lang, Accept: 'application/json' };
    if (app.token) headers.Authorization = 'Bearer ' + app.token;
    return fetch(API + path, { headers: headers, credentials: 'omit', cache: 'no-store' }).then(
      function (res) {
        if (res.ok) return res;
        return res.text().then(function (text) {
          var problem;
          try { problem = JSON.parse(text); } catch (e) { problem = { title: res.statusText, detail: text.slice(0, 300) }; }
          throw new ApiProblem(problem, res.status);
        });
      },
      function () {
        throw new ApiProblem({ title: t('networkError') }, 0);
      }
    );
  }

  function getJson(path) {
    return request(path).then(function (res) { return res.json(); });
  }

  function showProblem(error) {
    var box = $('problem');
    clear(box);
    if (!error) { box.hidden = true; return; }
    var p = error instanceof ApiProblem ? error.problem : { title: t('error'), detail: String(error && error.message || error) };
    var title = (p.titles && p.titles[app.lang]) || p.title || t('error');
    append(box, h('strong', null, title + (error.status ? ' (' + error.status + ')' : '')));
    if (p.detail) append(box, h('div', null, String(p.detail)));
    // RFC 9457 field errors are `invalidParams` (the server never sent `errors`: field errors were lost before).
    if (Array.isArray(p.invalidParams)) {
      append(box, h('ul', null, p.invalidParams.map(function (e) {
        return h('li', null, [e && e.name, e && e.reason].filter(Boolean).join(': '));
      })));
    }
    if (p.requestId) append(box, h('div', { class: 'muted' }, 'request id: ' + p.requestId));
    box.hidden = false;
    if (error.status === 401) signOut(true);
  }

  // ---- sign-in ---------------------------------------------------------------------------------

  function renderAuth() {
    var box = clear($('auth'));
    if (app.token && app.me) {
      append(box, h('div', { class: 'who' },
        h('span', { class: 'muted' }, t('signedInAs') + ': '),
        h('strong', null, app.me.displayName || app.me.id),
        ' · ' + t('role') + ': ',
        h('span', { class: 'badge' }, name('role', app.me.role)),
        app.me.bodyCode ? ' · ' + app.me.bodyCode : null,
        app.me.authorityCode ? ' · ' + app.me.authorityCode : null,
        h('button', { type: 'button', class: 'secondary', onclick: function () { signOut(false); } }, t('signOut'))
      ));
      return;
    }
    var input = h('input', { type: 'password', id: 'token', autocomplete: 'off', spellcheck: 'false', size: '48' });
    var form = h('form', { class: 'signin', onsubmit: function (ev) {
      ev.preventDefault();
      var value = input.value.trim();
      if (!value) return;
      app.token = value;
      store.set('sessionStorage', 'appeals.token', value);
      start();
    } },
      h('h2', null, t('signInTitle')),
      h('label', { for: 'token' }, t('tokenLabel')),
      h('div', { class: 'row' }, input, h('button', { type: 'submit' }, t('signIn'))),
      h('p', { class: 'muted' }, t('tokenHint'))
    );
    append(box, form);
  }

  function signOut(keepProblem) {
    app.token = null;
    app.me = null;
    store.set('sessionStorage', 'appeals.token', null);
    if (!keepProblem) showProblem(null);
    clear($('view'));
    if (location.hash) history.replaceState(null, '', location.pathname);
    renderAuth();
  }

  // ---- the case list ---------------------------------------------------------------------------

  function select(id, value, options, onchange) {
    var el = h('select', { id: id, onchange: onchange });
    options.forEach(function (o) {
      var opt = h('option', { value: o[0] }, o[1]);
      if (o[0] === value) opt.selected = true;
      el.appendChild(opt);
    });
    return el;
  }

  function bodyName(code, fallback) {
    var b = app.bodies[code] || fallback;
    if (!b) return code;
    var n = app.lang === 'ru' ? b.nameRu : app.lang === 'en' ? (b.nameEn || b.nameRu) : b.nameKk;
    return n || code;
  }

  function renderList() {
    var seq = ++app.seq;
    var view = clear($('view'));
    var f = app.filters;
    var onchange = function (ev) {
      f[ev.target.id.replace('f-', '')] = ev.target.value;
      renderList();
    };
    append(view, h('section', { class: 'panel filters' },
      h('h2', null, t('cases')),
      h('div', { class: 'row' },
        h('label', { for: 'f-state' }, t('state')),
        select('f-state', f.state, [['', t('any')]].concat(STATES.map(function (s) { return [s, name('state', s)]; })), onchange),
        h('label', { for: 'f-direction' }, t('direction')),
        select('f-direction', f.direction, [['', t('any')], ['personnel', name('direction', 'personnel')], ['it', name('direction', 'it')]], onchange),
        h('label', { for: 'f-overdue' }, t('overdue')),
        select('f-overdue', f.overdue, [['', t('any')], ['true', t('yes')], ['false', t('no')]], onchange),
        h('button', { type: 'button', class: 'secondary', onclick: renderList }, t('reload'))
      )
    ));
    var holder = h('section', { class: 'panel' }, h('p', { class: 'muted' }, t('loading')));
    append(view, holder);
    var q = ['limit=100'];
    ['state', 'direction', 'overdue'].forEach(function (k) { if (f[k]) q.push(k + '=' + encodeURIComponent(f[k])); });
    getJson('/cases?' + q.join('&')).then(function (data) {
      if (seq !== app.seq) return;
      showProblem(null);
      clear(holder);
      var items = (data && data.items) || [];
      append(holder, h('p', { class: 'muted' }, t('total') + ': ' + (data.total === undefined ? items.length : data.total) + ' · ' + t('shown') + ': ' + items.length + '. ' + t('timeNote')));
      if (!items.length) { append(holder, h('p', null, t('noCases'))); return; }
      var rows = items.map(function (c) {
        var overdue = Array.isArray(c.overdue) && c.overdue.length > 0;
        var d = c.deadlines || {};
        var tr = h('tr', { class: 'clickable' + (overdue ? ' overdue' : ''), tabindex: '0', title: c.id },
          h('td', { class: 'body-cell' }, h('div', null, bodyName(c.bodyCode)), h('div', { class: 'muted' }, c.bodyCode + ' · ' + t('authority') + ': ' + (c.authority || '—') + ' · ' + (c.cycle || ''))),
          h('td', null, name('direction', c.direction)),
          h('td', null, h('span', { class: 'badge state-' + c.state }, name('state', c.state))),
          h('td', null, c.outcome ? name('outcome', c.outcome) : t('none')),
          h('td', { class: 'deadline-cell' }, ['objection', 'table', 'result', 'escalation'].map(function (k, i) {
            if (!d[k]) return null;
            var breached = overdue && c.overdue.some(function (b) { return b.due === d[k] && (b.kind === k || (k === 'objection' && b.kind === 'noObjectionNotice')); });
            return h('div', { class: 'time' + (breached ? ' breach' : ''), title: name('deadline', k) }, h('span', { class: 'dkey' }, 'D' + (i + 1)), ' ' + formatTime(d[k]));
          })),
          h('td', null, overdue ? c.overdue.map(function (b) { return h('div', { class: 'breach' }, '⚠ ' + name('breach', b.kind) + ' (' + (b.law || '') + ')'); }) : t('none'))
        );
        var open = function () { location.hash = '#/case/' + encodeURIComponent(c.id); };
        tr.addEventListener('click', open);
        tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') open(); });
        return tr;
      });
      append(holder, h('div', { class: 'scroll' }, h('table', { class: 'grid' },
        h('thead', null, h('tr', null,
          h('th', null, t('body')), h('th', null, t('direction')), h('th', null, t('state')), h('th', null, t('outcome')),
          h('th', { title: ['objection', 'table', 'result', 'escalation'].map(function (k) { return name('deadline', k); }).join('\n') }, t('deadlines') + ' D1–D4'),
          h('th', null, t('breaches')))),
        h('tbody', null, rows))));
    }).catch(function (e) {
      if (seq !== app.seq) return;
      clear(holder);
      showProblem(e);
    });
  }

  // ---- one case --------------------------------------------------------------------------------

  function dl(pairs) {
    return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(function (p) { return [h('dt', null, p[0]), h('dd', null, p[1])]; }));
  }

  function section(title) {
    var s = h('section', { class: 'panel' }, h('h3', null, title));
    for (var i = 1; i < arguments.length; i++) append(s, arguments[i]);
    return s;
  }

  function table(headers, rows, cls) {
    return h('div', { class: 'scroll' }, h('table', { class: 'grid' + (cls ? ' ' + cls : '') },
      h('thead', null, h('tr', null, headers.map(function (x) { return h('th', null, x); }))),
      h('tbody', null, rows)));
  }

  function renderCase(id) {
    var seq = ++app.seq;
    var view = clear($('view'));
    append(view, h('p', null, h('a', { href: '#/', class: 'back' }, t('back'))));
    var holder = h('div', null, h('p', { class: 'muted' }, t('loading')));
    append(view, holder);
    var path = '/cases/' + encodeURIComponent(id);
    Promise.all([getJson(path), getJson(path + '/timeline'), getJson(path + '/events?limit=1000')]).then(function (res) {
      if (seq !== app.seq) return;
      showProblem(null);
      clear(holder);
      drawCase(holder, res[0], res[1], res[2]);
    }).catch(function (e) {
      if (seq !== app.seq) return;
      clear(holder);
      showProblem(e);
    });
  }

  function drawCase(holder, c, timeline, events) {
    var overdue = Array.isArray(c.overdue) ? c.overdue : [];
    append(holder, h('section', { class: 'panel case-head' + (overdue.length ? ' overdue' : '') },
      h('h2', null, bodyName(c.bodyCode, c.body) + ' (' + c.bodyCode + ')'),
      dl([
        [t('state'), h('span', { class: 'badge state-' + c.state }, name('state', c.state))],
        [t('outcome'), c.outcome ? name('outcome', c.outcome) : t('none')],
        [t('direction'), name('direction', c.direction)],
        [t('authority'), c.authority || t('none')],
        [t('cycle'), c.cycle || t('none')],
        [t('issuedAt'), formatTime(c.issuedAt)],
        [t('conclusionVersion'), c.conclusionVersion === undefined ? t('none') : String(c.conclusionVersion)],
        c.escalated ? [t('escalated'), formatTime(c.escalatedAt)] : null,
        [t('version'), String(c.version)],
        ['ID', h('code', null, c.id)]
      ]),
      downloads(c.id)
    ));

    var dls = (timeline && timeline.deadlines) || [];
    append(holder, section(t('deadlines'),
      h('p', { class: 'muted' }, t('timeNote')),
      table([t('deadline'), t('law'), t('due'), t('status'), t('answeredBy')], dls.map(function (d) {
        var a = d.answeredBy;
        var bad = d.status === 'missed' || d.status === 'late';
        return h('tr', { class: bad ? 'overdue' : '' },
          h('td', null, name('deadline', d.name)),
          h('td', null, d.law || ''),
          h('td', { class: 'time' }, formatTime(d.due)),
          h('td', null, h('span', { class: 'badge status-' + d.status }, name('status', d.status))),
          h('td', null, a ? ('#' + a.seq + ' ' + name('event', a.type) + ' · ' + formatTime(a.at) + ' · ' + (a.onTime ? t('onTime') : t('late'))) : (d.firedAt ? '#' + d.firedAt.seq + ' · ' + formatTime(d.firedAt.at) : t('none'))));
      }))));

    append(holder, section(t('breaches'), overdue.length
      ? h('ul', { class: 'breaches' }, overdue.map(function (b) {
        return h('li', { class: 'breach' }, '⚠ ' + name('breach', b.kind) + ' — ' + (b.law || '') + ' · ' + t('due') + ': ' + formatTime(b.due) + ' · ' + t('breachAt') + ': ' + formatTime(b.at));
      }))
      : h('p', { class: 'muted' }, t('noBreaches'))));

    var items = Array.isArray(c.disputedItems) ? c.disputedItems : [];
    var docs = Array.isArray(c.documents) ? c.documents : [];
    if (items.length || docs.length) {
      append(holder, section(t('disputed'),
        items.length ? table([t('indicator'), t('claimedScore'), t('argument')], items.map(function (i) {
          return h('tr', null, h('td', null, i.indicatorCode), h('td', { class: 'num' }, i.claimedScore === undefined ? t('none') : i.claimedScore), h('td', null, i.argument || ''));
        })) : null,
        docs.length ? [h('h4', null, t('documents')), h('ul', null, docs.map(function (d) {
          return h('li', null, d.name + ' ', h('code', { class: 'muted' }, String(d.sha256 || '').slice(0, 16) + '…'));
        }))] : null));
    }

    var tbl = c.table;
    var rows = tbl && Array.isArray(tbl.rows) ? tbl.rows : [];
    append(holder, section(t('table'), rows.length ? table(
      ['№', t('indicator'), t('authorityScore'), t('claimedScore'), t('argument'), t('authorityPosition'), t('decision'), t('vote'), t('revisedScore'), t('rationale')],
      rows.map(function (r) {
        var v = r.vote;
        return h('tr', { class: r.decision ? 'decided-' + r.decision : '' },
          h('td', { class: 'num' }, r.n),
          h('td', null, h('strong', null, r.indicatorCode), h('div', { class: 'muted' }, r.title || '')),
          h('td', { class: 'num' }, r.authorityScore === undefined ? t('none') : r.authorityScore),
          h('td', { class: 'num' }, r.claimedScore === undefined ? t('none') : r.claimedScore),
          h('td', null, r.argument || ''),
          h('td', null, r.authorityPosition || ''),
          h('td', null, r.decision ? name('decision', r.decision) : t('none')),
          h('td', null, v ? fill(t('voteText'), v) + (v.chairVote ? ' · ' + t('chairVote') + ': ' + name('ballot', v.chairVote) : '') : t('none')),
          h('td', { class: 'num' }, r.revisedScore === undefined || r.revisedScore === null ? t('none') : r.revisedScore),
          h('td', null, r.rationale || ''));
      }), 'dense') : h('p', { class: 'muted' }, t('noTable'))));

    if (tbl) {
      var s = tbl.signatures || {};
      var agency = s.agency ? t('signed') + (s.agency.name ? ' — ' + s.agency.name : '') + ' · ' + formatTime(s.agency.at)
        : s.agencyRefusal ? t('refused') + ' · ' + formatTime(s.agencyRefusal.at) + ' · ' + t('reason') + ': ' + (s.agencyRefusal.reason || '')
        : t('notSigned');
      var chair = s.chair ? t('signed') + (s.chair.name ? ' — ' + s.chair.name : '') + ' · ' + formatTime(s.chair.at) : t('notSigned');
      append(holder, section(t('signatures'), dl([[t('chair'), chair], [t('agency'), agency]])));
    }

    var tEvents = (timeline && timeline.events) || [];
    append(holder, section(t('timeline'), h('ol', { class: 'timeline' }, tEvents.map(function (e) {
      return h('li', { class: e.onTime === false ? 'breach' : '' },
        h('span', { class: 'time' }, formatTime(e.businessTime)), ' ',
        h('strong', null, name('event', e.type)), ' · ' + name('role', e.actorRole),
        e.deadline ? ' · ' + e.deadline + ' ' + (e.onTime ? t('onTime') : t('late')) : null);
    }))));

    var list = Array.isArray(events) ? events : (events && events.items) || [];
    append(holder, section(t('events'), table([t('seq'), t('type'), t('actor'), t('businessTime'), t('recordedTime'), t('hash')], list.map(function (e) {
      return h('tr', null,
        h('td', { class: 'num' }, e.seq),
        h('td', null, h('div', null, name('event', e.type)), h('code', { class: 'muted' }, e.type)),
        h('td', null, name('role', e.actorRole)),
        h('td', { class: 'time' }, formatTime(e.businessTime)),
        h('td', { class: 'time' }, formatTime(e.recordedTime)),
        h('td', null, h('code', { title: e.hash }, String(e.hash || '').slice(0, 12))));
    }))));
  }

  function downloads(id) {
    var langSel = select('table-lang', app.tableLang || app.lang, [['kk', 'Қазақша'], ['ru', 'Русский'], ['en', 'English']], function (ev) { app.tableLang = ev.target.value; });
    var url = function (format) {
      return '/cases/' + encodeURIComponent(id) + '/disagreement-table?format=' + format + '&lang=' + encodeURIComponent(langSel.value);
    };
    var save = function (format, ext) {
      return function () {
        request(url(format)).then(function (res) {
          var fileName = fileNameOf(res.headers.get('content-disposition')) || ('disagreement-table-' + id + '.' + ext);
          return res.blob().then(function (blob) {
            var href = URL.createObjectURL(blob);
            var a = h('a', { href: href, download: fileName, class: 'hidden' });
            document.body.appendChild(a);
            a.click();
            document.body.removeChild(a);
            setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
            showProblem(null);
          });
        }).catch(showProblem);
      };
    };
    var openHtml = function () {
      // Opened before the fetch, so the browser treats it as the user's click (no popup blocking).
      var tab = window.open('', '_blank');
      request(url('html')).then(function (res) { return res.blob(); }).then(function (blob) {
        var href = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
        if (tab) { tab.opener = null; tab.location.href = href; }
        else if (!window.open(href, '_blank', 'noopener')) showProblem(new Error(t('popupBlocked')));
        setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
        showProblem(null);
      }).catch(function (e) {
        if (tab) tab.close();
        showProblem(e);
      });
    };
    return h('div', { class: 'row downloads' },
      h('span', null, t('download') + ':'),
      h('label', { for: 'table-lang' }, t('tableLang')), langSel,
      h('button', { type: 'button', onclick: save('pdf', 'pdf') }, 'PDF'),
      h('button', { type: 'button', onclick: save('xlsx', 'xlsx') }, 'XLSX'),
      h('button', { type: 'button', class: 'secondary', onclick: openHtml }, t('openHtml')));
  }

  function fileNameOf(disposition) {
    if (!disposition) return null;
    var star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
    var plain = /filename="([^"]+)"/i.exec(disposition);
    return plain ? plain[1] : null;
  }

  // ---- routing, language, start ----------------------------------------------------------------

  function route() {
    if (!app.token || !app.me) return;
    var m = /^#\/case\/([^/?#]+)/.exec(location.hash);
    if (m) renderCase(decodeURIComponent(m[1]));
    else renderList();
  }

  function applyLang() {
    document.documentElement.lang = app.lang;
    document.title = t('appTitle');
    $('app-title').textContent = t('appTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-lang') === app.lang ? 'true' : 'false');
    });
  }

  function setLang(lang) {
    if (LANGS.indexOf(lang) < 0) return;
    app.lang = lang;
    store.set('localStorage', 'appeals.lang', lang);
    applyLang();
    renderAuth();
    if (!$('problem').hidden) showProblem(null);
    route();
  }

  /** `#token=…&lang=ru&case=ID` (for links and screenshots): moved into storage, then removed from the address bar. */
  function takeFragment() {
    var hash = location.hash.replace(/^#/, '');
    if (!/(^|&)(token|lang)=/.test(hash)) return;
    var params = new URLSearchParams(hash);
    var token = params.get('token');
    var lang = params.get('lang');
    var caseId = params.get('case');
    if (token) { app.token = token; store.set('sessionStorage', 'appeals.token', token); }
    if (LANGS.indexOf(lang) >= 0) { app.lang = lang; store.set('localStorage', 'appeals.lang', lang); }
    history.replaceState(null, '', location.pathname + (caseId ? '#/case/' + encodeURIComponent(caseId) : ''));
  }

  function start() {
    renderAuth();
    if (!app.token) return;
    getJson('/accounts/me').then(function (me) {
      app.me = me;
      showProblem(null);
      renderAuth();
      getJson('/bodies?limit=1000').then(function (page) {
        ((page && page.items) || []).forEach(function (b) { app.bodies[b.code] = b; });
      }).catch(function () { /* names are a nicety: codes still show */ }).then(route);
    }).catch(showProblem);
  }

  document.addEventListener('DOMContentLoaded', function () {
    takeFragment();
    applyLang();
    Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
      b.addEventListener('click', function () { setLang(b.getAttribute('data-lang')); });
    });
    window.addEventListener('hashchange', route);
    start();
  });
})();
