/** Strings of one feature (see ./define.ts): page facts read at capture (accessibility, timings). */
import { defineWords } from './define';

export const factsWords = defineWords({
  en: {
    factsOption: 'Page facts with each new capture: accessibility issues and load timings',
    factsOptionHint:
      'Read from the page right after its screenshot (the top document; frames are not entered): rules broken by impact, found by axe-core (bundled; Chromium only), and the load timings the browser measured. Stored with the step, compared per brand in the report and the CSV. A large page can add a second or two to each capture.',
    section_pageFacts: 'Page facts: accessibility and load timings',
    factsHelp:
      'Read from each page right after its capture. Accessibility: rules broken on the page by impact (axe-core; an automatic check finds some problems, not all). Timings: medians of what the browser measured when the page loaded; steps after a route change inside a single-page app keep the first load’s timings and are left out of them.',
    factsNone:
      'No page facts were read for these walks. Turn on “Page facts” in the audit (✎ beside its name) to read them at each new capture.',
    factsCaption: 'Page facts by brand',
    factsFigure: 'Figure',
    factsPages: 'Pages with facts',
    factsPagesValue: '{n} of {of}',
    factsChecked: 'Accessibility checked',
    factsPerPage: '{impact} issues per page',
    factsSevere: 'Pages with critical or serious issues',
    factsMedian: '{timing}, median',
    factsTimingValue: '{value} (n = {n})',
    factsNotMeasured: 'not measured',
    factsNoneChecked: 'none checked',
    factsTopRules: 'Rules broken most often',
    factsRuleOn: '{rule}: {help} — {pages} of {of} pages ({impact})',
    factsNotChecked:
      'Accessibility not checked on {brand}: {unsupported} in a browser without the check (Firefox), {failed} where the check failed, {timeout} where it took over 20 s.',
    factsRouteChanges:
      '{brand}: {n} steps after a route change inside the page are left out of the timings (they are of the first load).',
    factsRulesNotKept:
      '{brand}: {n} more rules broken beyond the 30 kept per page are counted in the figures above but not named.',
    impact_critical: 'Critical',
    impact_serious: 'Serious',
    impact_moderate: 'Moderate',
    impact_minor: 'Minor',
    timing_ttfb: 'Time to first byte',
    timing_domContentLoaded: 'DOM content loaded',
    timing_load: 'Page loaded',
    timing_lcp: 'Largest contentful paint',
    factsStepLine:
      'Page facts: {critical} critical, {serious} serious, {moderate} moderate, {minor} minor accessibility issues',
    factsStepNoA11y: 'Page facts: accessibility not checked ({why})',
    factsWhy_unsupported: 'not in this browser',
    factsWhy_failed: 'the check failed',
    factsWhy_timeout: 'it took over 20 s',
  },
  ru: {
    factsOption: 'Факты страницы при каждом новом снимке: проблемы доступности и время загрузки',
    factsOptionHint:
      'Считываются со страницы сразу после снимка (только основной документ, без встроенных фреймов): нарушенные правила по степени влияния, найденные axe-core (встроен; только в Chromium), и время загрузки, измеренное браузером. Хранятся вместе с шагом и сравниваются по брендам в отчёте и CSV. На большой странице снимок может занять на секунду-две дольше.',
    section_pageFacts: 'Факты страниц: доступность и время загрузки',
    factsHelp:
      'Считываются с каждой страницы сразу после снимка. Доступность: правила, нарушенные на странице, по степени влияния (axe-core; автоматическая проверка находит часть проблем, а не все). Время: медианы того, что браузер измерил при загрузке страницы; шаги после смены маршрута внутри одностраничного приложения сохраняют время первой загрузки и в медианы не входят.',
    factsNone:
      'Для этих прохождений факты страниц не считывались. Включите «Факты страницы» в аудите (✎ рядом с его названием), чтобы считывать их при каждом новом снимке.',
    factsCaption: 'Факты страниц по брендам',
    factsFigure: 'Показатель',
    factsPages: 'Страниц с фактами',
    factsPagesValue: '{n} из {of}',
    factsChecked: 'Доступность проверена',
    factsPerPage: '{impact}: проблем на страницу',
    factsSevere: 'Страниц с критическими или серьёзными проблемами',
    factsMedian: '{timing}, медиана',
    factsTimingValue: '{value} (n = {n})',
    factsNotMeasured: 'не измерено',
    factsNoneChecked: 'не проверялось',
    factsTopRules: 'Чаще всего нарушаемые правила',
    factsRuleOn: '{rule}: {help} — на {pages} из {of} страниц ({impact})',
    factsNotChecked:
      'Доступность не проверена у бренда {brand}: {unsupported} — в браузере без проверки (Firefox), {failed} — проверка не удалась, {timeout} — дольше 20 с.',
    factsRouteChanges:
      '{brand}: шагов после смены маршрута внутри страницы — {n}; в медианы времени они не входят (их время — первой загрузки).',
    factsRulesNotKept:
      '{brand}: ещё нарушенных правил сверх 30 сохраняемых на страницу — {n}; они учтены в цифрах выше, но не названы.',
    impact_critical: 'Критические',
    impact_serious: 'Серьёзные',
    impact_moderate: 'Умеренные',
    impact_minor: 'Незначительные',
    timing_ttfb: 'Время до первого байта',
    timing_domContentLoaded: 'DOM загружен',
    timing_load: 'Страница загружена',
    timing_lcp: 'Отрисовка крупнейшего элемента (LCP)',
    factsStepLine:
      'Факты страницы: проблемы доступности — критических {critical}, серьёзных {serious}, умеренных {moderate}, незначительных {minor}',
    factsStepNoA11y: 'Факты страницы: доступность не проверена ({why})',
    factsWhy_unsupported: 'не в этом браузере',
    factsWhy_failed: 'проверка не удалась',
    factsWhy_timeout: 'дольше 20 с',
  },
});
