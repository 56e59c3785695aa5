/** The message lines of a page: an error (read out at once) and a status (read out politely). */
import type { ComponentChildren } from 'preact';
import { maskLabels } from '../../lib/i18n';

export interface Message {
  kind: 'status' | 'error';
  text: string;
}

export function MessageLines(props: { message: Message | null; children?: ComponentChildren }) {
  const { message } = props;
  return (
    <div class="messages">
      {message?.kind === 'error' && (
        <p class="message error" role="alert">
          {message.text}
        </p>
      )}
      <p class="message status" role="status">
        {message?.kind === 'status' ? message.text : ''}
      </p>
      {props.children}
    </div>
  );
}

export { maskLabels };
