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
  must to of in on at by for with from into through onto about as up down out off over under again further
  once very too also really quite some any all each both few more most other such nor not own same
  s t d ll m o re ve y say says said saying tell tells told telling keep keeps kept keeping get gets
  got getting go goes going went gone like thing things lot lots still even well yeah ok okay oh um
  uh er hmm basically literally actually now want wants wanted wanting know knows knew
  known time times day days week weeks today tonight
  yesterday tomorrow month months year years morning evening night respond responds responded
  response responses reply replies replied`.split(/\s+/),
);

/** Words kept as known vocabulary (never "spelling-corrected") although they are not indexed. */
export const commonWords: ReadonlySet<string> = new Set(
  `book annual leave weather tomorrow password reset car park thanks thank please meeting team print
  payslip mileage claim form passport wales meals white fridge football won lol hello hi hey cheers help menu start new old good bad
  big small long short first last next back find need want know think feel see look make take give
  work day night morning evening weekend month year people person family child children kid kids
  school lunch email phone call laptop computer teams chat message came come comes coming back
  happy sad ok fine right wrong yes maybe sure true false nice great awful terrible sorry sure
  again already always never often sometimes usually later soon early late still just only ever
  name names number address street road town city office desk printer timesheet signature
  holiday holidays sick rota shift shifts payroll salary pay contract training course manager
  colleague colleagues report reports write wrote written read reading note notes case cases file
  files system systems update updates link links password login account online website internet
  wifi coffee tea kitchen toilet lift stairs parking building floor room rooms door doors window
  windows house home flat garden street withdrawn brown`.split(/\s+/),
);

/**
 * Words that show a query describes a family or what someone said: the father, his partner, the
 * children, or a reporting verb ("says the report is lies"). Practitioners' descriptions nearly
 * always have one; office questions ("is the printer working", "help with my timesheet") do not,
 * so without one the search asks for stronger evidence.
 */
export const familyWords: ReadonlySet<string> = new Set(
  `he him his himself she her hers herself they them their dad dads daddy father fathers partner
  partners wife husband girlfriend boyfriend mum mother mam ex kids kid children child baby babies
  son daughter family families couple parents parent perpetrator victim abuse abusive domestic
  violence violent says said saying claims claimed claiming reckons reckoned told telling denies
  denied admits admitted insists insisted missus spouse fiance fiancee stepdad stepfather stepmum
  stepmother stepson stepdaughter toddler teenager eldest youngest grandparents disclosed disclosure
  alleged allegation allegations allegedly incident incidents police assault assaulted`.split(
    /\s+/,
  ),
);
