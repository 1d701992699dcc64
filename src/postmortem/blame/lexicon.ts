/**
 * Every word list of the blameless-language rules, in one place. Lower case. The rules decide with
 * grammar-ish reasoning (who is the subject of a failure, is it a counterfactual, is a judgement
 * word used about a person); these lists only say which words play which part.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Pronouns that always refer to a person. `they` is handled apart (it is often a system). */
export const PERSON_PRONOUNS = /*#__PURE__*/ set('he she him i you someone somebody whoever');

/** Nouns naming a person by role. `operator` and `lead` get extra checks (Kubernetes operators, lead time). */
export const ROLE_NOUNS = /*#__PURE__*/ set(`
  engineer engineers developer developers dev devs programmer programmers coder coders
  operator operators admin admins administrator administrators sysadmin sysadmins dba dbas sre sres
  on-call oncall on-caller on-callers responder responders commander commanders lead leads manager managers
  intern interns hire hires newbie newcomer contractor contractors consultant consultants employee employees
  staff staffer staffers reviewer reviewers approver approvers author authors deployer deployers releaser
  person people human humans individual colleague colleagues coworker coworkers co-worker co-workers
  teammate teammates member members analyst analysts technician technicians junior juniors senior seniors
  rookie rookies architect architects team teams squad management leadership tester testers qa scribe
  maintainer maintainers
`);

/** Words before `operator` that make it a piece of software (a Kubernetes operator). */
export const TECH_OPERATOR_MODIFIERS = /*#__PURE__*/ set(`
  kubernetes k8s postgres mysql redis kafka database db crd cluster custom controller prometheus etcd
  storage backup helm olm
`);

/** Determiners and possessive determiners. */
export const DETERMINERS = /*#__PURE__*/ set(`
  the a an our their his her its my your this that these those some another one every each any no all both
  either neither
`);

export const PREPOSITIONS = /*#__PURE__*/ set(`
  in on of for at with from to into onto within across behind under over about between during near inside
  outside through via per like without against among around beyond toward towards upon by
`);

export const SUBORDINATORS = /*#__PURE__*/ set(`
  because since when whenever after before while if although though once until unless whereas however
  therefore thus meaning where as so
`);

export const COORDINATORS = /*#__PURE__*/ set('and but or then yet nor plus');

/** Auxiliaries, modals and adverbs that may sit between a subject and its verb. */
export const AUXILIARIES = /*#__PURE__*/ set(`
  had has have 'd was were is are be been being did does do just then also simply clearly obviously
  accidentally mistakenly inadvertently apparently again later still already actually really somehow
  unfortunately ultimately repeatedly probably likely evidently completely entirely mostly partly
  subsequently eventually immediately quickly soon first initially originally certainly definitely
  basically carelessly hastily blindly knowingly unknowingly personally himself herself themselves
  only even never not 'll 're 'm will would should could can may might must keep keeps kept continue
  continues continued tend tends tended
`);

/** Words ending in -ly that are not adverbs. */
export const LY_NOUNS = /*#__PURE__*/ set(
  'supply assembly family anomaly anomalies reply apply rely ally rally poly jelly daily weekly monthly only',
);

/** Modals. */
export const MODALS = /*#__PURE__*/ set('should could would will can may might must ought shall');

/** Forms of `be`. */
export const BE = /*#__PURE__*/ set('was were is are be been being am got gets');

/**
 * Verbs of diligence: what a person is expected to do. Not doing one (`did not check`, `never tested`,
 * `not following`) with a person as the subject reads as blame.
 */
export const DILIGENCE_VERBS = /*#__PURE__*/ set(`
  check test verify validate read review follow update run look confirm double-check notice escalate
  communicate ask think consider bother tell inform document monitor watch respond acknowledge re-enable
  renew drain wait announce coordinate plan consult reply pay backup snapshot report mention flag raise warn
  understand learn care try turn restore revert remember realise realize heed obey inspect examine proofread
  investigate diagnose triage
`);

/** Verbs that name a failure when a person is their subject (`Alice broke checkout`). */
export const FAILURE_VERBS = /*#__PURE__*/ set(`
  broke break breaks breaking caused causes crashed crashes wiped botched bungled borked forgot forgets
  forgetting forgotten neglected neglects neglecting ignored ignores ignoring overlooked overlooks missed
  misses skipped skips mistyped misconfigured misread misjudged mishandled miscalculated misunderstood
  misused fat-fingered rushed rushes dismissed ignore forget neglect overlook skip misconfigure misread
  mishandle misjudge dismiss bypassed bypassing bypass circumvented circumventing circumvent
`);

/** Failure verbs that only a person does, so `they` is a person with them. */
export const HUMAN_ONLY_VERBS = /*#__PURE__*/ set(`
  forgot forgets forgetting forgotten neglected neglects neglecting botched bungled overlooked overlooks
  mistyped misread misjudged misunderstood fat-fingered rushed rushes messed screwed forget neglect overlook
`);

/** Verbs that destroy something; blame when a person did it with no stated purpose. */
export const DESTRUCTIVE_VERBS = /*#__PURE__*/ set(`
  deleted dropped wiped truncated overwrote destroyed erased deleting dropping wiping truncating
  overwriting destroying erasing
`);

/** Cues that a destructive act was a deliberate repair (`to restore`, `which cleared`, `the stale lock`). */
export const REPAIR_CUES = /*#__PURE__*/ set(`
  restore restored restoring recover recovered recovering mitigate mitigated mitigating stop stopped
  fix fixed free freed freeing unblock unblocked clear cleared clearing reduce reduced relieve relieved
  unstick resolve resolved resolving stale orphaned stuck corrupt corrupted duplicate duplicated temporary
  unused old leftover obsolete expired
`);

/** Verbs of shipping or running a change: blame when their object is judged (`deployed bad code`). */
export const ACTION_VERBS = /*#__PURE__*/ set(`
  deployed deploy deploys deploying pushed push pushes pushing shipped ship ships shipping merged merge
  merges merging committed commit commits committing ran run runs running applied apply applies applying
  released release releasing wrote write writes writing approved approve approves approving promoted
  promote promoting executed execute executing configured configure configuring changed change changing
  set sets setting copied copy copying pasted paste pasting entered enter typed type edited edit
  modified modify introduced introduce chose choose picked pick used use selected select rolled
`);

/** Judgements of the thing a person shipped. */
export const NEGATIVE_OBJECT_WORDS = /*#__PURE__*/ set(`
  bad broken buggy faulty wrong incorrect untested unreviewed unvetted unverified flawed bogus dodgy
  half-baked sloppy careless shoddy
`);

/** Adverbs and phrases that judge how a person acted. */
export const JUDGING_ADVERBS = /*#__PURE__*/ set(`
  accidentally mistakenly inadvertently carelessly blindly hastily recklessly negligently sloppily
  thoughtlessly mindlessly lazily irresponsibly incorrectly wrongly improperly
`);

/** What `without …` names when it judges a person: the diligence they skipped. */
export const WITHOUT_DILIGENCE = /*#__PURE__*/ set(`
  thinking checking testing looking reading reviewing review tests testing verifying verification asking
  approval permission telling notice warning double-checking confirming consulting validating
  understanding a
`);

/** Nouns of fault: `made a mistake`, `Bob's typo`. */
export const FAULT_NOUNS = /*#__PURE__*/ set(`
  mistake mistakes error errors typo typos blunder blunders oversight oversights slip slips misstep
  missteps lapse lapses screw-up screw-ups fault negligence carelessness incompetence sloppiness laziness
  inattention misconfiguration failure failures
`);

/** Nouns for a decision, judged by `bad`, `poor`, `wrong`. */
export const DECISION_NOUNS = /*#__PURE__*/ set(
  'call calls decision decisions choice choices judgement judgment',
);

/** Adjectives that judge a decision. */
export const POOR_WORDS = /*#__PURE__*/ set('bad poor wrong terrible awful questionable rookie careless');

/** Things a person makes (`Liam's change broke login`). */
export const ARTIFACT_NOUNS = /*#__PURE__*/ set(`
  change changes commit commits pr prs request deploy deployment push config configuration script code patch
  migration query command hotfix release edit update rollout fix decision decisions choice call action actions
  approval
`);

/** Judgement words that are blame whoever they describe, in any form. */
export const JUDGEMENT_WORDS = /*#__PURE__*/ set(`
  careless carelessly carelessness sloppy sloppily sloppiness negligent negligently negligence incompetent
  incompetence incompetently reckless recklessly recklessness stupid stupidity idiot idiots idiotic foolish
  foolishly clueless inept ineptitude ineptly inattentive inattention thoughtless thoughtlessly mindless
  mindlessly shoddy slapdash half-assed amateurish irresponsible irresponsibly unprofessional
  unprofessionally complacent complacency inexcusable unforgivable laziness blunder blunders blundered
  bungled botched fat-fingered fat-finger fat-fingering butterfingers ignorant ignorance hubris arrogant
  arrogance rookie cowboy blameworthy boneheaded bone-headed dim-witted brainless
`);

/** Nouns after `lazy` / `dumb` that make them technical terms (lazy loading, dumb pipe). */
export const TECHNICAL_AFTER_JUDGEMENT = /*#__PURE__*/ set(`
  loading load loaded loader evaluation eval evaluated initialisation initialization init import imports
  iterator iterators sequence sequences stream streams property properties fetch fetching hydration mode
  binding bindings instantiation compilation allocation deserialization deserialisation parsing rendering
  route routes module modules val list lists collection collections connect connection connections
  pipe pipes terminal terminals client clients proxy proxies switch switches device devices component
  components value values
`);

/** `human error` and kin: the phrase's second word per first word. */
export const ERROR_PHRASES: ReadonlyMap<string, ReadonlySet<string>> = /*#__PURE__*/ new Map([
  ['human', set('error errors mistake mistakes failure failing')],
  ['operator', set('error errors mistake')],
  ['pilot', set('error')],
  ['user', set('error')],
  ['engineer', set('error mistake')],
  ['engineering', set('mistake')],
  ['personnel', set('error')],
  ['staff', set('error mistake')],
]);

/** Words before `human error` that make it about the system's exposure to it (`prone to human error`). */
export const SYSTEMIC_ERROR_CONTEXT = /*#__PURE__*/ set(`
  prone reduce reduces reduced reducing eliminate eliminates eliminated eliminating avoid avoids avoiding
  prevent prevents preventing minimise minimize minimises minimizes minimising minimizing risk risks chance
  chances opportunity opportunities room cost likelihood possibility susceptible vulnerable against remove
  removes removing tolerate tolerates tolerant resilient proof guard guards less fewer rather instead
  removed blame-free exposed exposure invites invite allowed allows
`);

/** Nouns after `human error` that make it a technical term (`user error rate`). */
export const TECHNICAL_AFTER_ERROR = /*#__PURE__*/ set(`
  rate rates budget budgets log logs message messages code codes handler handlers handling count counts
  metric metrics page pages field fields type types class classes path paths response responses status
`);

/** Words that negate a judgement just before it (`nobody was careless`, `not human error`). */
export const NEGATORS = /*#__PURE__*/ set('not never no nobody noone neither nor without nothing');

/** Perception verbs: `had never seen this failure` states a knowledge gap, not an omission. */
export const PERCEPTION_VERBS = /*#__PURE__*/ set(`
  seen saw see heard hear received receive got get encountered encounter experienced experience been had
  have knew know known used needed met
`);

/** Contractions the tokenizer splits into two words (`can't` → `can not`). */
export const CONTRACTIONS: ReadonlyMap<string, readonly string[]> = /*#__PURE__*/ new Map([
  ["can't", ['can', 'not']],
  ["won't", ['will', 'not']],
  ['cannot', ['can', 'not']],
  ["it's", ['it', 'is']],
  ["that's", ['that', 'is']],
  ["there's", ['there', 'is']],
  ["what's", ['what', 'is']],
  ["he's", ['he', 'is']],
  ["she's", ['she', 'is']],
  ["who's", ['who', 'is']],
  ["let's", ['let', 'us']],
]);

/** Punctuation tokens that end a phrase inside a sentence. */
export const PUNCT = /*#__PURE__*/ set(', ; : ( ) — – "');

/** Irregular past forms and common verbs that end a noun phrase walking backwards. */
export const IRREGULAR_VERBS = /*#__PURE__*/ set(
  'ran broke took made went wrote did had was were is are got set put saw sent left kept found gave told came became began brought knew thought',
);

/** Post-modifiers of a person after `on` / `in`: `the engineer on call`, `whoever was in charge`. */
export const ON_DUTY_NOUNS = /*#__PURE__*/ set('call duty shift charge rotation pager');
export const ON_DUTY_PREPOSITIONS = /*#__PURE__*/ set('on in');

/** Relative pronouns that open an appositive about a person (`Alice, who was on call, …`). */
export const PERSON_RELATIVES = /*#__PURE__*/ set('who whom');

/** Words before `blame` that reject it (`avoids blaming`, `stop blaming the network`). */
export const BLAME_AVOIDERS = /*#__PURE__*/ set(
  'avoid avoids avoided avoiding stop stops stopped without rather instead beyond against discourage discourages not never no',
);

/** Words before `blame` that make it a tool (`git blame`) or a negation (`no blame`). */
export const BLAME_TOOL_PREFIXES = /*#__PURE__*/ set('git svn hg code no');

/** Words after `blame` that make it a tool's output (`blame view`). */
export const BLAME_TOOL_NOUNS = /*#__PURE__*/ set(
  'view output annotation annotations tool log history ignore',
);

/** Nouns after `rookie` that make it a judgement (`rookie move`). */
export const ROOKIE_MOVES = /*#__PURE__*/ set('move moves');

/** Possessors that clear a fault (`nobody's fault`). */
export const NOBODY_WORDS = /*#__PURE__*/ set('nobody anyone anybody noone');

/** Possessive determiners of people (`their fault`). */
export const PERSON_POSSESSIVES = /*#__PURE__*/ set('their his her my your our');

/** Modals of hindsight before `have known`. */
export const HINDSIGHT_MODALS = /*#__PURE__*/ set('should ought must');

/** Nouns of a lapse before `of` / `in` (`lack of attention`, `lapse in judgement`). */
export const LAPSE_NOUNS = /*#__PURE__*/ set('lack lapse error');

/** Forms of `hold` before `accountable`. */
export const HOLD_FORMS = /*#__PURE__*/ set('held hold holds holding');

/** Forms of `drop` before `the ball`. */
export const DROP_FORMS = /*#__PURE__*/ set('dropped drop drops dropping');

/** What one is asleep at (`asleep at the wheel`). */
export const ASLEEP_AT = /*#__PURE__*/ set('wheel switch');

/** Forms of `cut` before `corners`. */
export const CUT_FORMS = /*#__PURE__*/ set('cut cutting cuts');

/** Verbs that take something down with a particle (`took the API offline`). */
export const TAKE_DOWN_VERBS = /*#__PURE__*/ set('took take takes brought bring knocked');
export const TAKE_DOWN_PARTICLES = /*#__PURE__*/ set('down out over offline');

/** Forms of `introduce` that name a failure with a defect noun (`introduced a regression`). */
export const INTRODUCE_FORMS = /*#__PURE__*/ set('introduced introduces');
export const DEFECT_NOUNS = /*#__PURE__*/ set(
  'bug regression error outage defect typo mistake vulnerability breakage',
);

/** Forms of `break` that also decompose (`broke the work into streams`, `broke the glass`). */
export const BREAK_FORMS = /*#__PURE__*/ set('broke break breaks');
export const BREAK_DOWN_PARTICLES = /*#__PURE__*/ set('down out even ground');
export const BREAK_BENIGN_OBJECTS = /*#__PURE__*/ set('into glass break-glass news tie silence ice');

/** Forms of `override`: an override of a safeguard is harm in itself. */
export const OVERRIDE_FORMS = /*#__PURE__*/ set('overrode overridden overrides override overriding');

/** Forms of `leave` (`left debug logging on`). */
export const LEAVE_FORMS = /*#__PURE__*/ set('left leaves leave');

/** What a person left in place that caused harm (`left debug logging on`). */
export const LEFT_STATES = /*#__PURE__*/ set('on running enabled unlocked unattended exposed active');

/** Forms of `roll`: `rolled back` is the repair, `rolled out` the action. */
export const ROLL_FORMS = /*#__PURE__*/ set('rolled roll');

/** Particles after an action verb before its object (`pushed out`, `rolled in`). */
export const ACTION_PARTICLES = /*#__PURE__*/ set('out in up');

/** `by mistake`, `by accident`. */
export const BY_MISHAP = /*#__PURE__*/ set('mistake accident');

/** Forms of `fail` before `to`. */
export const FAIL_FORMS = /*#__PURE__*/ set('failed fail fails');

/** Auxiliaries before `not` that make an omission (`did not check`, `had not tested`). */
export const DO_FORMS = /*#__PURE__*/ set('did does do');
export const DO_HAVE_FORMS = /*#__PURE__*/ set('did does do had has have');

/** Forms of `make` (`made a mistake`). */
export const MAKE_FORMS = /*#__PURE__*/ set('made make makes making');

/** What a person is `not` when careless (`was not careful`). */
export const CARE_WORDS = /*#__PURE__*/ set('careful attentive thorough diligent watching cautious');

/** After `too`: `was too slow`. */
export const TOO_WORDS = /*#__PURE__*/ set('slow late');

/** What a person is `responsible for` when it is blame (`responsible for the outage`). */
export const HARM_NOUNS = /*#__PURE__*/ set(
  'outage incident failure breakage mistake error problem downtime bad bug',
);

/** Things whose deletion is data loss, not routine cleanup (`deleted the customer table`). */
export const DATA_NOUNS = /*#__PURE__*/ set(`
  table tables index indexes indices database databases db bucket buckets volume volumes namespace namespaces
  row rows record records data file files key keys cluster clusters queue queues topic topics backup backups
  snapshot snapshots collection collections schema schemas column columns partition partitions disk disks
  directory directories folder folders repository repo secret secrets certificate certificates zone zones
  instance instances account accounts branch customer customers user users dataset datasets
`);

/** Words between `without` and the skipped step (`without any proper testing`). */
export const WITHOUT_FILLERS = /*#__PURE__*/ set(
  'any proper adequate sufficient enough prior further real actual much the a an its their his her',
);

/** Safeguards a person can skip, as nouns (`without a second look`, `without review`). */
export const SKIPPABLE_SAFEGUARDS = /*#__PURE__*/ set(
  'second review test tests dry dry-run canary rehearsal backup snapshot sign-off approval',
);

/** Diligence only a person shows; software does not `read` a note or `notice` a graph. */
export const STRICTLY_HUMAN_VERBS = /*#__PURE__*/ set(
  'read notice ask think bother escalate communicate tell inform understand realise realize remember care consult heed proofread double-check review pay',
);

/** Verbs after `did not` that state a fact about a person rather than an omission. */
export const NOT_OMISSIONS = /*#__PURE__*/ set(
  'expect anticipate intend mean want find reach exist happen matter sleep rest eat appear seem feel like require need have',
);

/** Past participles after `had X` (`had the developer run the tests`). */
export const PARTICIPLES = /*#__PURE__*/ set(
  'been known taken written done seen run read gone set put caught',
);

/** Verbs after `could have` that make it hindsight about a person. */
export const COULD_HAVE_VERBS = /*#__PURE__*/ set(
  'prevent avoid catch caught stop notice spot see seen check test verify know known escalate read wait fix revert call follow realise realize flag raise page warn tell ask',
);

/** Words after `should have been` that make it about conduct (`should have been more careful`). */
export const BEEN_CONDUCT = /*#__PURE__*/ set('more careful aware attentive quicker faster on');

/** Words before an inverted `had` that make it a counterfactual (`was preventable had…`). */
export const AVOIDED_WORDS = /*#__PURE__*/ set('avoided prevented averted sooner earlier');

/** Words after `if X was/were` that make it about conduct (`if X were more careful`). */
export const IF_WERE_CONDUCT = /*#__PURE__*/ set('more paying careful watching');

/** Words in a name that are too common (or too much like a word) to treat as a name on their own. */
export const NOT_A_NAME = /*#__PURE__*/ set(`
  the a an and or of team bot ops on-call oncall deploy release system admin user service platform infra sre
  will may can must should might shall would could bill mark pat rob sue grant page lead max summer april june
  august don ray art jack hope joy faith dawn chase drew wade miles gene guy
`);

/**
 * Common given names from many cultures, for names the host did not list. Matched only when
 * capitalised. Names that are also common words or tools (Will, May, Grant, Ruby, Julia, Jenkins,
 * Travis, Cassandra, Hugo, Jasmine, Chase…) are left out on purpose.
 */
export const GIVEN_NAMES = /*#__PURE__*/ set(`
  aaron abby abdul abdullah abigail adam adebayo adeel aditi aditya adrian ahmad ahmed aiden aisha akira
  alan albert alejandro alex alexa alexander alexandra alexis alfred ali alice alicia alison allison alvaro
  amanda amara amelia amir amit amy ana anand andre andrea andreas andrew andy angela anil anita ann anna
  anne annie anthony antonio anya arjun arnav arthur arun asha ashley ashok aslan aubrey austin ava ayesha
  barbara beatriz ben benjamin bernard beth betty bianca bilal bob bobby brad bradley brandon brenda brian
  bridget brittany bruce bryan caleb cameron camila carl carla carlos carmen carol caroline carolyn casey
  catherine cathy cecilia chandra charles charlie charlotte chen cheryl chiara chidi chinedu chloe chris
  christian christina christine christopher cindy claire clara claudia colin connor craig cristina cynthia
  dan dana daniel daniela danielle daniyar danny darius darren dave david davide debbie deborah deepak
  denise dennis derek diana diego dimitri dmitri dmitry donald donna doris dorothy doug douglas duc dylan
  ebony eddie edgar eduardo edward elena eli elias elif elijah elizabeth ella ellen emeka emily emma emmanuel
  eric erica erik erin ethan eugene eva evan evelyn fatima fatma federico felipe felix fernando fiona
  florian francesca francesco francis francisco frank fred freya gabriel gabriela gareth gary gaurav
  george georgia gerald gina giovanni giulia giuseppe gloria gopal gordon greg gregory gustavo hamza hana
  hank hannah hans harold harriet harsh hassan heather heidi helen helena henry hiroshi hiro hoang hussein
  ian ibrahim igor ikechukwu ilya imran ines irene isaac isabel isabella isabelle ishaan ivan jack jackie
  jacob jacqueline jake jamal james jamie jan jane janet janice jared jason javier jay jean jeff jeffrey
  jen jennifer jenny jeremy jerome jerry jesse jessica jesus jill jim jimmy jin joan joanna joao joe joel
  johan johannes john johnny jon jonathan jordan jorge jose joseph josh joshua joyce juan judith judy
  julian juliana julie jun justin kai kalinda kamal karen karim karl kate katherine kathleen kathryn katie
  kavya keith kelly ken kenji kenneth kevin khalid kim kimberly kiran klaus kofi kris kristen kumar kwame
  kyle lakshmi lara larry laura lauren layla leah lei leila lena leo leon leonardo liam lin linda lisa liz
  lorenzo louis lucas lucia lucy luis luka lukas madison mahmoud maja manuel marc marcel marco marcus
  margaret maria mariam marie marina mario marisol marta martha martin mary maryam mason mateo matt
  matteo matthew maya megan mehmet mei melissa mia michael michelle miguel mike mikhail min ming mohamed
  mohammed monica muhammad mustafa nadia nancy naomi natalia natalie nathan neha nicholas nick nicole
  nikhil nikita nina noah noor nora oleg oliver olivia omar oscar pablo pamela paolo patricia patrick paul
  paula pavel pedro peter philip pierre pooja prakash pranav priya priyanka quinn rachel rafael rahul raj
  rajesh ralph ramesh ramon randy raul ravi rebecca reza ricardo richard rick rita rob robert roberto
  robin rohan roman ronald rosa ross roy ruth ryan sabrina sadia sahil salma sam samantha samir samuel
  sandeep sandra sanjay santiago sara sarah satoshi scott sean sebastian sergei sergey seth shannon
  sharon shawn sheila shirley shreya simon sipho sofia sonia sophia sophie stefan stephanie stephen steve
  steven sue sunil susan suzanne svetlana takeshi tamara tanya tariq taylor teresa terry thabo thomas tiago
  tim timothy tina tobias todd tom tomas tommy tony tracy tyler uma usman valentina valeria vanessa vera
  victor victoria vijay vikram vincent viktor vivek walter wang wanjiru wei wendy william xavier xin
  yasmin yusuf yuki yuri zainab zara zach zachary zhang zoe
`);
