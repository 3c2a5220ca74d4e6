/**
 * The screens as tabs; tabs that don't fit the pane's width go into a "More"
 * menu (Fluent's Overflow), the selected one always staying in view.
 */
import {
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuButton,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  makeStyles,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';
import type { Words } from '../i18n.ts';
import type { Screen } from './screens.tsx';

const useStyles = makeStyles({
  // The overflow container: as wide as the pane, never wider.
  bar: { display: 'flex', alignItems: 'center', minWidth: 0, overflow: 'hidden' },
  tabs: { minWidth: 0, flexShrink: 1 },
  more: { flexShrink: 0, minWidth: 'auto' },
});

interface Props {
  w: Words;
  screens: Screen[];
  selected: string;
  onSelect: (id: string) => void;
}

export function Navigation({ w, screens, selected, onSelect }: Props) {
  const styles = useStyles();
  // Overflow measures again when the pane is resized, not when the labels change (a new language): start afresh then.
  const labels = screens.map((s) => s.label(w)).join('\n');
  return (
    <nav aria-label={w.nav.navigation}>
      <Overflow key={labels} minimumVisible={1}>
        <div className={styles.bar}>
          <TabList className={styles.tabs} size="small" selectedValue={selected} onTabSelect={(_, d) => onSelect(d.value as string)} aria-label={w.nav.navigation}>
            {screens.map((s) => (
              <OverflowItem key={s.id} id={s.id} priority={s.id === selected ? 2 : 1}>
                <Tab value={s.id} data-testid={`tab-${s.id}`}>
                  {s.label(w)}
                </Tab>
              </OverflowItem>
            ))}
          </TabList>
          <MoreMenu w={w} screens={screens} selected={selected} onSelect={onSelect} />
        </div>
      </Overflow>
    </nav>
  );
}

function MoreMenu({ w, screens, selected, onSelect }: Props) {
  const styles = useStyles();
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu checkedValues={{ screen: [selected] }} onCheckedValueChange={(_, d) => d.checkedItems[0] && onSelect(d.checkedItems[0])}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={ref} className={styles.more} size="small" appearance="subtle" data-testid="nav-more">
          {w.nav.more}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {screens.map((s) => (
            <HiddenScreen key={s.id} screen={s} w={w} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** A menu entry for a screen whose tab is out of view. */
function HiddenScreen({ screen, w }: { screen: Screen; w: Words }) {
  const visible = useIsOverflowItemVisible(screen.id);
  if (visible) return null;
  return (
    <MenuItemRadio name="screen" value={screen.id} data-testid={`nav-more-${screen.id}`}>
      {screen.label(w)}
    </MenuItemRadio>
  );
}
