/**
 * Every word list of the blameless-language rules, in one place. Lower case. The rules decide with
 * grammar-ish reasoning (who is the subject of a failure, is it a counterfactual, is a judgement
 * word used about a person); these lists only say which words play which part.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/**
 * Builds every list once, on first use: importing the module costs nothing, and the lists live as
 * plain properties of one object (fast to read on the hot path).
 */
function buildBlameWords() {
  return {
    /** Pronouns that always refer to a person. `they` is handled apart (it is often a system). */
    PERSON_PRONOUNS: set('he she him i you someone somebody whoever'),
    /** Nouns naming a person by role. `operator` and `lead` get extra checks (Kubernetes operators, lead time). */
    ROLE_NOUNS: set(`
      engineer engineers developer developers dev devs programmer programmers coder coders
      operator operators admin admins administrator administrators sysadmin sysadmins dba dbas sre sres
      on-call oncall on-caller on-callers responder responders commander commanders lead leads manager managers
      intern interns hire hires newbie newcomer contractor contractors consultant consultants employee employees
      staff staffer staffers reviewer reviewers approver approvers author authors deployer deployers releaser
      person people human humans individual colleague colleagues coworker coworkers co-worker co-workers
      teammate teammates member members analyst analysts technician technicians junior juniors senior seniors
      rookie rookies architect architects team teams squad management leadership tester testers qa scribe
      maintainer maintainers
    `),
    /** Words before `operator` that make it a piece of software (a Kubernetes operator). */
    TECH_OPERATOR_MODIFIERS: set(`
      kubernetes k8s postgres mysql redis kafka database db crd cluster custom controller prometheus etcd
      storage backup helm olm
    `),
    /** Determiners and possessive determiners. */
    DETERMINERS: set(`
      the a an our their his her its my your this that these those some another one every each any no all both
      either neither
    `),
    PREPOSITIONS: set(`
      in on of for at with from to into onto within across behind under over about between during near inside
      outside through via per like without against among around beyond toward towards upon by
    `),
    SUBORDINATORS: set(`
      because since when whenever after before while if although though once until unless whereas however
      therefore thus meaning where as so
    `),
    COORDINATORS: set('and but or then yet nor plus'),
    /** Auxiliaries, modals and adverbs that may sit between a subject and its verb. */
    AUXILIARIES: set(`
      had has have 'd was were is are be been being did does do just then also simply clearly obviously
      accidentally mistakenly inadvertently apparently again later still already actually really somehow
      unfortunately ultimately repeatedly probably likely evidently completely entirely mostly partly
      subsequently eventually immediately quickly soon first initially originally certainly definitely
      basically carelessly hastily blindly knowingly unknowingly personally himself herself themselves
      only even never not 'll 're 'm will would should could can may might must keep keeps kept continue
      continues continued tend tends tended
    `),
    /** Words ending in -ly that are not adverbs. */
    LY_NOUNS: set(
      'supply assembly family anomaly anomalies reply apply rely ally rally poly jelly daily weekly monthly only',
    ),
    /** Modals. */
    MODALS: set('should could would will can may might must ought shall'),
    /** Forms of `be`. */
    BE: set('was were is are be been being am got gets'),
    /**
     * Verbs of diligence: what a person is expected to do. Not doing one (`did not check`, `never tested`,
     * `not following`) with a person as the subject reads as blame.
     */
    DILIGENCE_VERBS: set(`
      check test verify validate read review follow update run look confirm double-check notice escalate
      communicate ask think consider bother tell inform document monitor watch respond acknowledge re-enable
      renew drain wait announce coordinate plan consult reply pay backup snapshot report mention flag raise warn
      understand learn care try turn restore revert remember realise realize heed obey inspect examine proofread
      investigate diagnose triage
    `),
    /** Verbs that name a failure when a person is their subject (`Alice broke checkout`). */
    FAILURE_VERBS: set(`
      broke break breaks breaking caused causes crashed crashes wiped botched bungled borked forgot forgets
      forgetting forgotten neglected neglects neglecting ignored ignores ignoring overlooked overlooks missed
      misses skipped skips mistyped misconfigured misread misjudged mishandled miscalculated misunderstood
      misused fat-fingered rushed rushes dismissed ignore forget neglect overlook skip misconfigure misread
      mishandle misjudge dismiss bypassed bypassing bypass circumvented circumventing circumvent
    `),
    /** Failure verbs that only a person does, so `they` is a person with them. */
    HUMAN_ONLY_VERBS: set(`
      forgot forgets forgetting forgotten neglected neglects neglecting botched bungled overlooked overlooks
      mistyped misread misjudged misunderstood fat-fingered rushed rushes messed screwed forget neglect overlook
    `),
    /** Forms of `miss`, and what a plan misses without anyone causing a failure (`missed the deadline`). */
    MISS_FORMS: set('missed misses'),
    SCHEDULE_NOUNS: set('deadline deadlines milestone milestones cutoff cut-off window windows due'),
    /** Verbs that destroy something; blame when a person did it with no stated purpose. */
    DESTRUCTIVE_VERBS: set(`
      deleted dropped wiped truncated overwrote destroyed erased deleting dropping wiping truncating
      overwriting destroying erasing
    `),
    /** Cues that a destructive act was a deliberate repair (`to restore`, `which cleared`, `the stale lock`). */
    REPAIR_CUES: set(`
      restore restored restoring recover recovered recovering mitigate mitigated mitigating stop stopped
      fix fixed free freed freeing unblock unblocked clear cleared clearing reduce reduced relieve relieved
      unstick resolve resolved resolving stale orphaned stuck corrupt corrupted duplicate duplicated temporary
      unused old leftover obsolete expired
    `),
    /** Verbs of shipping or running a change: blame when their object is judged (`deployed bad code`). */
    ACTION_VERBS: set(`
      deployed deploy deploys deploying pushed push pushes pushing shipped ship ships shipping merged merge
      merges merging committed commit commits committing ran run runs running applied apply applies applying
      released release releasing wrote write writes writing approved approve approves approving promoted
      promote promoting executed execute executing configured configure configuring changed change changing
      set sets setting copied copy copying pasted paste pasting entered enter typed type edited edit
      modified modify introduced introduce chose choose picked pick used use selected select rolled
      clicked click clicks clicking pressed press pressing
    `),
    /** Judgements of the thing a person shipped. */
    NEGATIVE_OBJECT_WORDS: set(`
      bad broken buggy faulty wrong incorrect untested unreviewed unvetted unverified flawed bogus dodgy
      half-baked sloppy careless shoddy
    `),
    /** Adverbs and phrases that judge how a person acted. */
    JUDGING_ADVERBS: set(`
      accidentally mistakenly inadvertently carelessly blindly hastily recklessly negligently sloppily
      thoughtlessly mindlessly lazily irresponsibly incorrectly wrongly improperly
    `),
    /** What `without …` names when it judges a person: the diligence they skipped. */
    WITHOUT_DILIGENCE: set(`
      thinking checking testing looking reading reviewing review tests testing verifying verification asking
      approval permission telling notice warning double-checking confirming consulting validating
      understanding a
    `),
    /** Nouns of fault: `made a mistake`, `Bob's typo`. */
    FAULT_NOUNS: set(`
      mistake mistakes error errors typo typos blunder blunders oversight oversights slip slips misstep
      missteps lapse lapses screw-up screw-ups fault negligence carelessness incompetence sloppiness laziness
      inattention misconfiguration failure failures
    `),
    /** Nouns for a decision, judged by `bad`, `poor`, `wrong`. */
    DECISION_NOUNS: set('call calls decision decisions choice choices judgement judgment'),
    /** Adjectives that judge a decision. */
    POOR_WORDS: set('bad poor wrong terrible awful questionable rookie careless'),
    /** Things a person makes (`Liam's change broke login`). */
    ARTIFACT_NOUNS: set(`
      change changes commit commits pr prs request deploy deployment push config configuration script code patch
      migration query command hotfix release edit update rollout fix decision decisions choice call action actions
      approval
    `),
    /** Judgement words that are blame whoever they describe, in any form. */
    JUDGEMENT_WORDS: set(`
      careless carelessly carelessness sloppy sloppily sloppiness negligent negligently negligence incompetent
      incompetence incompetently reckless recklessly recklessness stupid stupidity idiot idiots idiotic foolish
      foolishly clueless inept ineptitude ineptly inattentive inattention thoughtless thoughtlessly mindless
      mindlessly shoddy slapdash half-assed amateurish irresponsible irresponsibly unprofessional
      unprofessionally complacent complacency inexcusable unforgivable laziness blunder blunders blundered
      bungled botched fat-fingered fat-finger fat-fingering butterfingers ignorant ignorance hubris arrogant
      arrogance rookie cowboy blameworthy boneheaded bone-headed dim-witted brainless
    `),
    /** Nouns after `lazy` / `dumb` that make them technical terms (lazy loading, dumb pipe). */
    TECHNICAL_AFTER_JUDGEMENT: set(`
      loading load loaded loader evaluation eval evaluated initialisation initialization init import imports
      iterator iterators sequence sequences stream streams property properties fetch fetching hydration mode
      binding bindings instantiation compilation allocation deserialization deserialisation parsing rendering
      route routes module modules val list lists collection collections connect connection connections
      pipe pipes terminal terminals client clients proxy proxies switch switches device devices component
      components value values
    `),
    /** `human error` and kin: the phrase's second word per first word. */
    ERROR_PHRASES: new Map<string, ReadonlySet<string>>([
      ['human', set('error errors mistake mistakes failure failing')],
      ['operator', set('error errors mistake')],
      ['pilot', set('error')],
      ['user', set('error')],
      ['engineer', set('error mistake')],
      ['engineering', set('mistake')],
      ['personnel', set('error')],
      ['staff', set('error mistake')],
    ]),
    /** Words before `human error` that make it about the system's exposure to it (`prone to human error`). */
    SYSTEMIC_ERROR_CONTEXT: set(`
      prone reduce reduces reduced reducing eliminate eliminates eliminated eliminating avoid avoids avoiding
      prevent prevents preventing minimise minimize minimises minimizes minimising minimizing risk risks chance
      chances opportunity opportunities room cost likelihood possibility susceptible vulnerable against remove
      removes removing tolerate tolerates tolerant resilient proof guard guards less fewer rather instead
      removed blame-free exposed exposure invites invite allowed allows
    `),
    /** Nouns after `human error` that make it a technical term (`user error rate`). */
    TECHNICAL_AFTER_ERROR: set(`
      rate rates budget budgets log logs message messages code codes handler handlers handling count counts
      metric metrics page pages field fields type types class classes path paths response responses status
    `),
    /** Words that negate a judgement just before it (`nobody was careless`, `not human error`). */
    NEGATORS: set('not never no nobody noone neither nor without nothing'),
    /** Perception verbs: `had never seen this failure` states a knowledge gap, not an omission. */
    PERCEPTION_VERBS: set(`
      seen saw see heard hear received receive got get encountered encounter experienced experience been had
      have knew know known used needed met
    `),
    /** Contractions the tokenizer splits into two words (`can't` → `can not`). */
    CONTRACTIONS: new Map<string, readonly string[]>([
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
    ]),
    /** Abbreviations whose period may sit inside a sentence (`tools, etc. and`); `p.m.` and `e.g.` need no entry. */
    ABBREVIATIONS: set('etc vs approx incl dept mr mrs ms dr st'),
    /** Punctuation tokens that end a phrase inside a sentence. */
    PUNCT: set(', ; : ( ) — – "'),
    /** Irregular past forms and common verbs that end a noun phrase walking backwards. */
    IRREGULAR_VERBS: set(
      'ran broke took made went wrote did had was were is are got set put saw sent left kept found gave told came became began brought knew thought',
    ),
    /** Post-modifiers of a person after `on` / `in`: `the engineer on call`, `whoever was in charge`. */
    ON_DUTY_NOUNS: set('call duty shift charge rotation pager'),
    ON_DUTY_PREPOSITIONS: set('on in'),
    /** Relative pronouns that open an appositive about a person (`Alice, who was on call, …`). */
    PERSON_RELATIVES: set('who whom'),
    /** Words before `blame` that reject it (`avoids blaming`, `stop blaming the network`). */
    BLAME_AVOIDERS: set(
      'avoid avoids avoided avoiding stop stops stopped without rather instead beyond against discourage discourages not never no',
    ),
    /** Words before `blame` that make it a tool (`git blame`) or a negation (`no blame`). */
    BLAME_TOOL_PREFIXES: set('git svn hg code no'),
    /** Words after `blame` that make it a tool's output (`blame view`). */
    BLAME_TOOL_NOUNS: set('view output annotation annotations tool log history ignore'),
    /** Nouns after `rookie` that make it a judgement (`rookie move`). */
    ROOKIE_MOVES: set('move moves'),
    /** Possessors that clear a fault (`nobody's fault`). */
    NOBODY_WORDS: set('nobody anyone anybody noone'),
    /** Possessive determiners of people (`their fault`). */
    PERSON_POSSESSIVES: set('their his her my your our'),
    /** Modals of hindsight before `have known`. */
    HINDSIGHT_MODALS: set('should ought must'),
    /** Nouns of a lapse before `of` / `in` (`lack of attention`, `lapse in judgement`). */
    LAPSE_NOUNS: set('lack lapse error'),
    /** Forms of `hold` before `accountable`. */
    HOLD_FORMS: set('held hold holds holding'),
    /** Forms of `drop` before `the ball`. */
    DROP_FORMS: set('dropped drop drops dropping'),
    /** What one is asleep at (`asleep at the wheel`). */
    ASLEEP_AT: set('wheel switch'),
    /** Forms of `cut` before `corners`. */
    CUT_FORMS: set('cut cutting cuts'),
    /** Verbs that take something down with a particle (`took the API offline`). */
    TAKE_DOWN_VERBS: set('took take takes brought bring knocked'),
    TAKE_DOWN_PARTICLES: set('down out over offline'),
    /** Forms of `introduce` that name a failure with a defect noun (`introduced a regression`). */
    INTRODUCE_FORMS: set('introduced introduces'),
    DEFECT_NOUNS: set('bug regression error outage defect typo mistake vulnerability breakage'),
    /** Forms of `break` that also decompose (`broke the work into streams`, `broke the glass`). */
    BREAK_FORMS: set('broke break breaks'),
    BREAK_DOWN_PARTICLES: set('down out even ground'),
    BREAK_BENIGN_OBJECTS: set('into glass break-glass news tie silence ice'),
    /** Forms of `override`: an override of a safeguard is harm in itself. */
    OVERRIDE_FORMS: set('overrode overridden overrides override overriding'),
    /** Forms of `leave` (`left debug logging on`). */
    LEAVE_FORMS: set('left leaves leave'),
    /** What a person left in place that caused harm (`left debug logging on`). */
    LEFT_STATES: set('on running enabled unlocked unattended exposed active'),
    /** Forms of `roll`: `rolled back` is the repair, `rolled out` the action. */
    ROLL_FORMS: set('rolled roll rolling'),
    /** Particles after an action verb before its object (`pushed out`, `rolled in`). */
    ACTION_PARTICLES: set('out in up'),
    /** `by mistake`, `by accident`. */
    BY_MISHAP: set('mistake accident'),
    /** Forms of `fail` before `to`. */
    FAIL_FORMS: set('failed fail fails'),
    /** Auxiliaries before `not` that make an omission (`did not check`, `had not tested`). */
    DO_FORMS: set('did does do'),
    DO_HAVE_FORMS: set('did does do had has have'),
    /** Forms of `make` (`made a mistake`). */
    MAKE_FORMS: set('made make makes making'),
    /** What a person is `not` when careless (`was not careful`). */
    CARE_WORDS: set('careful attentive thorough diligent watching cautious'),
    /** After `too`: `was too slow`. */
    TOO_WORDS: set('slow late'),
    /** What a person is `responsible for` when it is blame (`responsible for the outage`). */
    HARM_NOUNS: set('outage incident failure breakage mistake error problem downtime bad bug'),
    /** Things whose deletion is data loss, not routine cleanup (`deleted the customer table`). */
    DATA_NOUNS: set(`
      table tables index indexes indices database databases db bucket buckets volume volumes namespace namespaces
      row rows record records data file files key keys cluster clusters queue queues topic topics backup backups
      snapshot snapshots collection collections schema schemas column columns partition partitions disk disks
      directory directories folder folders repository repo secret secrets certificate certificates zone zones
      instance instances account accounts branch customer customers user users dataset datasets
    `),
    /** Words between `without` and the skipped step (`without any proper testing`). */
    WITHOUT_FILLERS: set(
      'any proper adequate sufficient enough prior further real actual much the a an its their his her',
    ),
    /** Safeguards a person can skip, as nouns (`without a second look`, `without review`). */
    SKIPPABLE_SAFEGUARDS: set(
      'second review test tests dry dry-run canary rehearsal backup snapshot sign-off approval',
    ),
    /** Diligence only a person shows; software does not `read` a note or `notice` a graph. */
    STRICTLY_HUMAN_VERBS: set(
      'read notice ask think bother escalate communicate tell inform understand realise realize remember care consult heed proofread double-check review pay',
    ),
    /** Verbs after `did not` that state a fact about a person rather than an omission. */
    NOT_OMISSIONS: set(
      'expect anticipate intend mean want find reach exist happen matter sleep rest eat appear seem feel like require need have has had',
    ),
    /** Past participles after `had X` (`had the developer run the tests`). */
    PARTICIPLES: set('been known taken written done seen run read gone set put caught'),
    /** Verbs after `could have` that make it hindsight about a person. */
    COULD_HAVE_VERBS: set(
      'prevent avoid catch caught stop notice spot see seen check test verify know known escalate read wait fix revert call follow realise realize flag raise page warn tell ask',
    ),
    /** Words after `should have been` that make it about conduct (`should have been more careful`). */
    BEEN_CONDUCT: set('more careful aware attentive quicker faster on'),
    /** Words before an inverted `had` that make it a counterfactual (`was preventable had…`). */
    AVOIDED_WORDS: set('avoided prevented averted sooner earlier'),
    /** Words after `if X was/were` that make it about conduct (`if X were more careful`). */
    IF_WERE_CONDUCT: set('more paying careful watching'),
    /**
     * Verbs of changing a live system: risky at a risky moment (`pushed … on a Friday`) or against
     * the wrong target (`ran the script against the wrong cluster`).
     */
    LIVE_ACTION_VERBS: set(`
      deployed deploying pushed pushing shipped shipping merged merging applied applying ran running
      released releasing promoted promoting executed executing rolled rolling started starting restarted
      restarting flipped flipping toggled toggling kicked kicking triggered triggering launched launching
      rebooted rebooting upgraded upgrading migrated migrating enabled enabling disabled disabling drained
      draining scaled scaling changed changing reindexed restored restoring rotated rotating pointed pointing
      targeted sent connected terminated killed cordoned failed-over cut
    `),
    /**
     * Moments that make a change risky (`during the peak`, `on Christmas Eve`). Not `midnight`:
     * that is when much planned maintenance happens.
     */
    RISKY_MOMENTS: set('peak busiest eve'),
    /** Events a change just before is risky (`minutes before the handover`, `just before the demo`). */
    RISKY_EVENTS: set(
      'freeze handover hand-off handoff demo launch holiday holidays weekend sale keynote cutover',
    ),
    /** Operations a change in the middle of is risky (`while the team was mid-release`). */
    MID_OPERATIONS: set(
      'release deploy deployment migration incident failover rollout outage sale launch upgrade',
    ),
    /** After `Friday`: the part of the week's end when nobody is around (`Friday evening`). */
    FRIDAY_PARTS: set('night evening afternoon'),
    /** Before `freeze`: a change into or just before a freeze (`before the holiday code freeze`). */
    FREEZE_PREPOSITIONS: set('before during despite into inside'),
    /** Before `before`: a change moments ahead of an event (`minutes before the handover`). */
    CLOSE_BEFORE: set('just minutes moments seconds right shortly hour'),
    /** Targets of going `straight to …` with no stage between (`straight to production`). */
    LIVE_TARGETS: set('production prod main master live'),
    /** Words that end the part of a sentence a risky-moment cue may belong to. */
    CAUSE_STOPS: set('because so since as after although though but and whereas unless ; :'),
    /** Boundaries a risky-moment cue may lie beyond (`…, at midnight`, `while the team was mid-release`). */
    CAUSE_CROSSINGS: set(', while when'),
    /** Words of a change to everything at once (`to every region at once`). */
    SCOPE_ALL: set('every all'),
    /** After `straight` / `directly`: where the change went (`straight to production`). */
    INTO: set('to into'),
    /** Environments named after `instead of` (`applied it to production instead of staging`). */
    ENVIRONMENT_NOUNS: set(
      'staging production prod test testing dev development sandbox qa preview canary replica primary secondary',
    ),
    /** Verbs of a mistaken belief about the target (`scaled down the pool thinking it was staging`). */
    BELIEF_VERBS: set('thinking believing assuming convinced'),
    /** What a mistaken belief is about, and its verb (`thinking it was staging`). */
    BELIEF_OBJECTS: set('it that this they'),
    BELIEF_COPULAS: set('was were is are'),
    /** Approval verbs, with the particle some need (`signed off`, `waved through`). */
    APPROVAL_VERBS: set("approved okayed ok'd greenlit green-lit lgtm'd"),
    APPROVAL_PHRASES: new Map<string, string>([
      ['signed', 'off'],
      ['waved', 'through'],
    ]),
    /** Words that make an unreviewed approval the process's design (`by design`, `automatically`). */
    SYSTEMIC_APPROVAL: set('automatically design configured default bot auto-approved'),
    /** Auxiliaries of a passive that reports an event (`was approved`), not a possibility (`could be`). */
    EVENT_PASSIVE_AUX: set('was were got'),
    /** Forms of `have` before a participle (`had been approved`, `nobody had looked`). */
    HAVE_FORMS: set('has had have'),
    /** Adverbs between `nobody` and the review it did not do (`nobody ever read it`). */
    EVER_WORDS: set('ever even actually really'),
    /** Nobody, as the subject of a review that did not happen (`without anyone reading it`). */
    NO_ONE_LOOKING: set('anyone anybody someone somebody'),
    /** Participles of reviewing (`without being read`, `though nobody had looked at it`). */
    REVIEW_PARTICIPLES: set(
      'read reviewed opened looked checked tested inspected examined seen viewed scrutinised scrutinized validated verified',
    ),
    /** Words in a name that are too common (or too much like a word) to treat as a name on their own. */
    NOT_A_NAME: set(`
      the a an and or of team bot ops on-call oncall deploy release system admin user service platform infra sre
      will may can must should might shall would could bill mark pat rob sue grant page lead max summer april june
      august don ray art jack hope joy faith dawn chase drew wade miles gene guy
    `),
    /**
     * Common given names from many cultures, for names the host did not list. Matched only when
     * capitalised. Names that are also common words or tools (Will, May, Grant, Ruby, Julia, Jenkins,
     * Travis, Cassandra, Hugo, Jasmine, Chase…) are left out on purpose.
     */
    GIVEN_NAMES: set(`
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
    `),
  };
}

/** Every word list of the blame rules, by name. */
export type BlameWords = ReturnType<typeof buildBlameWords>;

let built: BlameWords | undefined;

/** The word lists, built on the first call and shared after it. */
export function blameWords(): BlameWords {
  built ??= buildBlameWords();
  return built;
}
