/**
 * Words that say nothing about which situation a practitioner is in. Pronouns are here too: they
 * matter only inside phrases ("she hits him" versus "he hits her"), and phrases are matched before
 * stopwords are dropped. "not" is here for the same reason: "not true" is a phrase, "not" alone is
 * in nearly every description of every situation. "just", "only" and "bit" are deliberately NOT
 * stopwords: they are how fathers minimise ("only a push", "a bit of a row").
 */
export const stopwords: ReadonlySet<string> = new Set(
  `a an the and or but if so then than that this these those there here what which who whom whose
  when where why how i me my mine myself we us our ours you your yours he him his himself she her
  hers herself it its itself they them their theirs themselves one ones be is am are was were been
  being have has had having do does did done doing will would shall should can could may might
  must to of in on at by for with from into onto about as up down out off over under again further
  once very too also really quite some any all each both few more most other such nor not own same
  s t d ll m o re ve y say says said saying tell tells told telling keep keeps kept keeping get gets
  got getting go goes going went gone like thing things lot lots still even well yeah ok okay oh um
  uh er hmm basically literally actually now`.split(/\s+/),
);

/** Words kept as known vocabulary (never "spelling-corrected") although they are not indexed. */
export const commonWords: ReadonlySet<string> = new Set(
  `book annual leave weather tomorrow password reset car park thanks thank please meeting team print
  payslip mileage claim form football won lol hello hi hey cheers help menu start new old good bad
  big small long short first last next back find need want know think feel see look make take give
  work day night morning evening weekend month year people person family child children kid kids
  school lunch email phone call laptop computer teams chat message`.split(/\s+/),
);
