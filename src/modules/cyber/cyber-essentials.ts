import { emptyNode, type FrameworkTree } from '../assessments/index.js';

// Cyber Essentials readiness in Steward's own words: the five control themes, what each asks of
// the systems in scope, and statements a council can tick. Not the scheme's own question set.
const themes: [string, string, [string, string, string[]][]][] = [
  [
    'CE1',
    'Firewalls',
    [
      [
        'CE1.a',
        'Boundary firewalls',
        [
          'Every internet connection passes through a firewall or a router acting as one',
          'Default administrator passwords on firewalls have been changed',
          'Inbound rules that are not needed have been removed, and each one kept has a recorded reason',
        ],
      ],
      [
        'CE1.b',
        'Managing the firewall',
        [
          'The firewall’s administrative interface cannot be reached from the internet, or needs multi-factor authentication',
          'Firewall rules are reviewed at least every year',
        ],
      ],
      ['CE1.c', 'Devices on untrusted networks', ['Laptops used at home or on public Wi-Fi run a software firewall that is switched on']],
    ],
  ],
  [
    'CE2',
    'Secure configuration',
    [
      [
        'CE2.a',
        'Unneeded software and accounts',
        [
          'Software and accounts that are not needed are removed or disabled on every device and server',
          'Auto-run of files from removable media is switched off',
        ],
      ],
      [
        'CE2.b',
        'Passwords and unlocking',
        [
          'Default passwords are changed before a device is used',
          'Devices lock after a short time and need a PIN, password or biometric to unlock',
          'Repeated failed log-ins are throttled or locked out',
        ],
      ],
    ],
  ],
  [
    'CE3',
    'Security update management',
    [
      [
        'CE3.a',
        'Supported software',
        [
          'All software in scope is licensed and supported by its supplier',
          'Unsupported software is removed or kept in a separate, unconnected part of the network',
        ],
      ],
      [
        'CE3.b',
        'Updates within fourteen days',
        ['Critical and high-risk security updates are applied within 14 days of release', 'Automatic updates are switched on wherever the software allows'],
      ],
    ],
  ],
  [
    'CE4',
    'User access control',
    [
      [
        'CE4.a',
        'Accounts and approval',
        [
          'Every user account is approved before it is created and removed when the person leaves',
          'Each person has their own account: shared accounts are not used',
        ],
      ],
      [
        'CE4.b',
        'Administrator accounts',
        [
          'Administrators use a separate account for administration and do not read email or browse with it',
          'The list of administrator accounts is reviewed at least every quarter',
        ],
      ],
      [
        'CE4.c',
        'Multi-factor authentication',
        [
          'Cloud services are accessed with multi-factor authentication wherever they offer it',
          'Administrator access to cloud services always needs multi-factor authentication',
        ],
      ],
    ],
  ],
  [
    'CE5',
    'Malware protection',
    [
      [
        'CE5.a',
        'Protection on every device',
        [
          'Anti-malware software runs on every device in scope, or only approved applications can run',
          'Anti-malware software updates itself at least daily and scans files when they are opened',
        ],
      ],
      ['CE5.b', 'Web and email', ['Connections to known malicious websites are blocked', 'Email attachments are scanned before they reach people']],
    ],
  ],
];

/** The Cyber Essentials readiness framework as a tree for the assessment engine: each requirement met when every statement holds. */
export function cyberEssentialsFramework(): FrameworkTree {
  const nodes = themes.map(([code, title, requirements]) => {
    const theme = emptyNode(code, 'control theme', title);
    for (const [rcode, rtitle, statements] of requirements) {
      const r = emptyNode(rcode, 'requirement', rtitle);
      r.assessable = true;
      r.targets = { certification: 'met' };
      r.indicators = statements.map((text, n) => ({ code: `${rcode}.${n + 1}`, reference: '', tier: 'met', text, line: 0 }));
      theme.children.push(r);
    }
    return theme;
  });
  return {
    key: 'cyber-essentials',
    version: 'Steward readiness 1',
    name: 'Cyber Essentials readiness',
    description:
      'Readiness for Cyber Essentials over its five control themes, in Steward’s own words: tick what holds for the systems in scope. It prepares for certification; it is not the scheme’s own question set.',
    format: 'steward',
    levels: ['control theme', 'requirement'],
    scale: [
      { key: 'not-met', label: 'Not met', rank: 1 },
      { key: 'met', label: 'Met', rank: 2 },
    ],
    tiers: [{ key: 'met', label: 'Statements that must hold', rank: 1 }],
    rule: { kind: 'tiered', steps: [{ status: 'met', tier: 'met', holds: 'all' }], otherwise: 'not-met' },
    profiles: [{ key: 'certification', name: 'Ready for certification' }],
    nodes,
  };
}
