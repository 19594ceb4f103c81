// Framework files for tests, in the shapes real ones have, written in words of our own.
// Shaped like WebCAF's current files (anchors, aliases, an empty tier written `{}` and one left
// out, the same key in two tiers, a repeated reference, a missing one), in words of our own.
export const webCaf = `# a comment at the top, as the real files have
indicator_statuses:
  - &achieved Achieved
  - &partially_achieved Partially achieved
  - &not_Achieved Not achieved
assessment-rules: &standard-rules
  1:
    - achieved
    - all
  2:
      - partially-achieved
      - all
  3:
    - not-achieved
    - any
objectives:
  A:
    code: A
    title: Looking after risk
    description: The organisation knows and manages its risks.
    principles:
      A1:
        code: A1
        title: Who is in charge
        description: Someone is answerable.
        outcomes:
          A1.a:
            code: A1.a
            title: Board direction
            description: ''
            indicators:
              partially-achieved: {}
              not-achieved:
                A1.a.1:
                  description: Nobody at the top has heard of the subject.
                  ncsc-index: A1.a.NA.1
              achieved:
                A1.a.2:
                  description: >-
                    The board talks about it
                    every quarter.
                  ncsc-index: A1.a.A.1
            assessment-rules: *standard-rules
            min_profile_requirement:
              baseline: *achieved
              enhanced: *achieved
          A1.b:
            code: A1.b
            title: Roles
            description: People know what they answer for.
            indicators:
              not-achieved:
                A1.b.1:
                  description: Roles are not written down.
                  ncsc-index: A1.b.NA.1
              partially-achieved:
                A1.b.2:
                  description: Some roles are written down.
                  ncsc-index: A1.b.PA.1
                A1.b.3:
                  description: 'A few are kept up to date. '
                  ncsc-index: A1.b.PA.1
                A1.b.4:
                  description: Reviewed now and then.
              achieved:
                A1.b.2:
                  description: Every role is written down and reviewed.
                  ncsc-index: A1.b.A.1
            assessment-rules: *standard-rules
            min_profile_requirement:
              baseline: *partially_achieved
              enhanced: Achieved
  D:
    code: D
    title: Coping when it goes wrong
    principles:
      D1:
        code: D1
        title: Plans
        outcomes:
          D1.a:
            code: D1.a
            title: A plan exists
            description: There is a response plan.
            indicators:
              not-achieved:
                D1.a.1:
                  description: There is no plan.
                  ncsc-index: D1.a.NA.1
              achieved:
                D1.a.2:
                  description: The plan is tested every year.
                  ncsc-index: D1.a.A.1
            min_profile_requirement:
              baseline: *not_Achieved
              enhanced: *achieved
`;

// WebCAF's oldest shape: integer keys, "sections", indicators as bare text.
export const legacyWebCaf = `objectives:
  1:
    code: A
    title: Looking after risk
    principles:
      1:
        code: A1
        title: Who is in charge
        sections:
          1:
            code: A1.a
            title: Board direction
            indicators:
              not-achieved:
                1: Nobody at the top has heard of the subject.
              partially-achieved: { }
              achieved:
                2: The board talks about it
                    every quarter.
`;

export const ciso = `urn: urn:example:library:caf-demo-4.0
locale: en
ref_id: caf-demo-4.0
name: A demo library
version: 2
publication_date: 2026-05-19
objects:
  framework:
    urn: urn:example:framework:caf-demo-4.0
    ref_id: caf-demo-4.0
    name: Demo CAF
    result_aggregation: tiered_all
    requirement_nodes:
    - urn: urn:example:node:a
      assessable: false
      depth: 1
      ref_id: A
      name: Looking after risk
    - urn: urn:example:node:a1
      assessable: false
      depth: 2
      parent_urn: urn:example:node:a
      ref_id: A1
      name: Who is in charge
    - urn: urn:example:node:a1.a
      assessable: true
      depth: 3
      parent_urn: urn:example:node:a1
      ref_id: A1.a
      name: Board direction
      questions:
        urn:example:node:a1.a:question:1:
          type: unique_choice
          text: "[A1.a.NA.1] Nobody at the top\\L has heard of it."
          choices:
          - urn: urn:example:node:a1.a:question:1:choice:1
            value: 'True'
            compute_result: non_compliant
        urn:example:node:a1.a:question:2:
          type: unique_choice
          text: '[A1.a.A.1] The board talks about it.'
`;
